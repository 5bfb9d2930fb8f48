package dev.meshshop.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls the mesh's HTTP APIs as curl would, for tests: a request with the token of a domain's client from the mesh's
 * issuer, and what a problem must hold.
 */
public final class ApiCalls {

    public static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final Tokens tokens;

    public ApiCalls(int port, MeshIdentities identities) {
        this.port = port;
        this.tokens = new Tokens(port, identities);
    }

    /** The issuer's tokens this uses. */
    public Tokens tokens() {
        return tokens;
    }

    /** POSTs a JSON body with the token of {@code identity}'s client (no credentials when null), accepting {@code accept}. */
    public HttpResponse<String> post(String path, String identity, String body, String accept) {
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (identity != null) {
            request.header("Authorization", tokens.bearer(identity));
        }
        return send(request.build());
    }

    public HttpResponse<String> post(String path, String identity, String body) {
        return post(path, identity, body, "application/json");
    }

    /** GETs as the platform's client, which sees every domain's reads. */
    public HttpResponse<String> get(String path) {
        return get(path, MeshIdentities.PLATFORM);
    }

    /** GETs with the token of {@code identity}'s client; no credentials when null. */
    public HttpResponse<String> get(String path, String identity) {
        var request = HttpRequest.newBuilder(uri(path));
        if (identity != null) {
            request.header("Authorization", tokens.bearer(identity));
        }
        return send(request.build());
    }

    public JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    /** Asserts that the response is an RFC 7807 problem with this status whose detail says {@code detail}. */
    public void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Cannot call " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted calling " + request.uri(), e);
        }
    }
}
