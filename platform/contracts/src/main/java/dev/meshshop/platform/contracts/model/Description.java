package dev.meshshop.platform.contracts.model;

import java.util.List;

/** What the data is for and what it is not for. */
public record Description(
        String usage,
        String purpose,
        String limitations,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {

    public Description {
        authoritativeDefinitions = List.copyOf(authoritativeDefinitions);
        customProperties = List.copyOf(customProperties);
    }
}
