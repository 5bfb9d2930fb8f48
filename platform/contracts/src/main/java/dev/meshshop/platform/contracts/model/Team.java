package dev.meshshop.platform.contracts.model;

import java.util.List;

/** The team that owns the contract (v3.1.0 form; a v3.0.x member list is read as a team without a name). */
public record Team(
        String id,
        String name,
        String description,
        List<TeamMember> members,
        List<String> tags,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {

    public Team {
        members = List.copyOf(members);
        tags = List.copyOf(tags);
        authoritativeDefinitions = List.copyOf(authoritativeDefinitions);
        customProperties = List.copyOf(customProperties);
    }
}
