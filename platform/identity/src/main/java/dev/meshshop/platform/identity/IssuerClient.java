package dev.meshshop.platform.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * What a tool of the mesh does to get a token: {@code POST /oauth2/token} with its client's id and secret
 * ({@code grant_type=client_credentials}), as {@code curl -u <client>:<secret> -d grant_type=client_credentials}.
 */
public final class IssuerClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    /** @param base the mesh's address, such as {@code http://localhost:8080} */
    public IssuerClient(URI base) {
        this.base = base;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Asks for a token; the issuer's answer as it came. */
    public HttpResponse<String> ask(String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The mesh's issuer at " + base + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted asking the issuer at " + base, e);
        }
    }

    /**
     * A token of {@code clientId}.
     *
     * @throws IllegalStateException when the issuer refuses, with its answer
     */
    public String token(String clientId, String secret) {
        var answer = ask(clientId, secret);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "The mesh's issuer refused " + clientId + ": " + answer.statusCode() + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Not a token answer: " + answer.body(), e);
        }
    }
}
