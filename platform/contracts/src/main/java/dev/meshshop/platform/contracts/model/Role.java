package dev.meshshop.platform.contracts.model;

import java.util.List;

/** An access role consumers request, and who approves it. */
public record Role(
        String id,
        String role,
        String description,
        String access,
        String firstLevelApprovers,
        String secondLevelApprovers,
        List<CustomProperty> customProperties) {

    public Role {
        customProperties = List.copyOf(customProperties);
    }
}
