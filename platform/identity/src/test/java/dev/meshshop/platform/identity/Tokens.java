package dev.meshshop.platform.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real tokens of a running mesh's issuer, for tests: what a tool does with {@code curl -u <client>:<secret> -d
 * grant_type=client_credentials .../oauth2/token}. A domain's name stands for its client ({@code checkout} ->
 * {@code checkout-client}).
 */
public final class Tokens {

    private final IssuerClient issuer;
    private final MeshIdentities identities;
    private final Map<String, String> issued = new ConcurrentHashMap<>();

    public Tokens(int port, MeshIdentities identities) {
        this(URI.create("http://localhost:" + port), identities);
    }

    public Tokens(URI base, MeshIdentities identities) {
        this.issuer = new IssuerClient(base);
        this.identities = identities;
    }

    /** The client that acts for {@code who}: a domain's client, or {@code who} itself (such as platform). */
    public String clientOf(String who) {
        return identities.clients().containsKey(who) ? who : who + MeshIdentities.CLIENT_SUFFIX;
    }

    /** A token for {@code who}, asked once and kept. */
    public String token(String who) {
        return issued.computeIfAbsent(clientOf(who), client -> fresh(client, identities.clientSecret(client)));
    }

    /** The {@code Authorization} header's value for {@code who}. */
    public String bearer(String who) {
        return "Bearer " + token(who);
    }

    /** Asks the issuer with {@code secret}; the answer as it came. */
    public HttpResponse<String> ask(String client, String secret) {
        return issuer.ask(client, secret);
    }

    /**
     * A token signed with the mesh's own {@code key} for {@code domain}'s client that expired an hour ago: what a
     * caller holds after its token ran out.
     */
    public static String expired(com.nimbusds.jose.jwk.RSAKey key, String domain) {
        return SignedTokens.ofDomainClient(
                key, domain, Instant.now().minus(Duration.ofMinutes(90)), Duration.ofMinutes(30));
    }

    /** {@code token} with its signature's last characters changed: its claims no longer match what was signed. */
    public static String tampered(String token) {
        return token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    }

    private String fresh(String client, String secret) {
        return issuer.token(client, secret);
    }
}
