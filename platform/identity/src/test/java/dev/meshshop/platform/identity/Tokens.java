package dev.meshshop.platform.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Real tokens of a running mesh's issuer, for tests: what a tool does with {@code curl -u <client>:<secret> -d
 * grant_type=client_credentials .../oauth2/token}. A domain's name stands for its client ({@code checkout} ->
 * {@code checkout-client}).
 */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final MeshIdentities identities;
    private final Map<String, String> issued = new ConcurrentHashMap<>();

    public Tokens(int port, MeshIdentities identities) {
        this(URI.create("http://localhost:" + port), identities);
    }

    public Tokens(URI base, MeshIdentities identities) {
        this.base = base;
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
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The issuer at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A token signed with the mesh's own {@code key} for {@code domain}'s client that expired an hour ago: what a
     * caller holds after its token ran out.
     */
    public static String expired(com.nimbusds.jose.jwk.RSAKey key, String domain) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(90));
        var claims = JwtClaimsSet.builder()
                .subject(domain + MeshIdentities.CLIENT_SUFFIX)
                .issuedAt(issued)
                .expiresAt(issued.plus(Duration.ofMinutes(30)))
                .claim(MeshCallers.DOMAIN_CLAIM, domain)
                .claim(MeshCallers.ROLES_CLAIM, java.util.List.of(Role.DOMAIN_CLIENT.name()))
                .build();
        var header =
                JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
        var encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** {@code token} with its signature's last characters changed: its claims no longer match what was signed. */
    public static String tampered(String token) {
        return token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    }

    private String fresh(String client, String secret) {
        var answer = ask(client, secret);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "The issuer refused " + client + ": " + answer.statusCode() + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Not a token answer: " + answer.body(), e);
        }
    }
}
