package dev.meshshop.platform.contracts.model;

import java.util.List;

/** Where consumers ask questions or hear about changes. */
public record SupportChannel(
        String id,
        String channel,
        String url,
        String description,
        String tool,
        String scope,
        String invitationUrl,
        List<CustomProperty> customProperties) {

    public SupportChannel {
        customProperties = List.copyOf(customProperties);
    }
}
