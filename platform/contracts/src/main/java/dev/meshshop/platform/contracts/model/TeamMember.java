package dev.meshshop.platform.contracts.model;

import java.time.LocalDate;
import java.util.List;

/** A person on the team that owns the contract, with the dates they joined and left. */
public record TeamMember(
        String id,
        String username,
        String name,
        String description,
        String role,
        LocalDate dateIn,
        LocalDate dateOut,
        String replacedByUsername,
        List<String> tags,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {

    public TeamMember {
        tags = List.copyOf(tags);
        authoritativeDefinitions = List.copyOf(authoritativeDefinitions);
        customProperties = List.copyOf(customProperties);
    }
}
