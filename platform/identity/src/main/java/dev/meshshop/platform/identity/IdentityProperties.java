package dev.meshshop.platform.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mesh.identity.*}: who exists and how tokens are issued.
 *
 * @param domains domains beside those whose products are on the class path
 * @param tokenTimeToLive how long a token is valid
 * @param secrets secrets that replace the stored ones, by key ({@code user.checkout}, {@code client.platform})
 * @param issuer the embedded issuer
 */
@ConfigurationProperties("mesh.identity")
public record IdentityProperties(
        @DefaultValue List<String> domains,
        @DefaultValue("30m") Duration tokenTimeToLive,
        @DefaultValue Map<String, String> secrets,
        @DefaultValue Issuer issuer) {

    /**
     * @param enabled whether this process issues tokens ({@code /oauth2/token}); without it, it only validates them
     * @param uri the issuer's address, written into tokens; empty: the address a token was asked at
     */
    public record Issuer(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("") String uri) {}
}
