package dev.meshshop.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every error answer of the catalog's API is an RFC 7807 problem: its own refusals, an unknown route, a wrong method
 * or media type, a body over the limit, and Tomcat's own answer to a malformed request.
 */
@SpringBootTest(
        classes = CatalogErrorAnswersTests.CatalogApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogErrorAnswersTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CatalogApplication {}

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @Test
    void theCatalogsOwnRefusalsAreProblemsThatRepeatNamesCut() throws Exception {
        assertProblem(get("/api/products/orders"), 400, "<domain>.<product>");
        assertProblem(get("/api/products/checkout.nothing"), 404, "No product checkout.nothing is published");
        var huge = get("/api/products/checkout." + "n".repeat(5_000));
        assertProblem(huge, 404, "more characters)");
        assertThat(huge.body()).hasSizeLessThan(1_000);
    }

    @Test
    void theErrorPageIsNotPartOfTheDocumentedApi() throws Exception {
        var spec = JSON.readTree(get("/v3/api-docs").body());
        assertThat(spec.path("paths").fieldNames())
                .toIterable()
                .contains("/api/products")
                .doesNotContain("/error");
    }

    @Test
    void springsAndTomcatsErrorsAreProblemsToo() throws Exception {
        assertProblem(get("/api/nothing"), 404, "There is nothing at /api/nothing");
        assertProblem(get("/api/products/checkout.orders/versions"), 404, "nothing at");
        assertProblem(
                send(authorized(uri("/api/products"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json")
                        .build()),
                405,
                "POST");
        assertProblem(
                send(authorized(uri("/api/products"))
                        .header("Accept", "image/png")
                        .build()),
                406,
                "");
        assertProblem(
                send(authorized(uri("/api/products"))
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2 << 20)))
                        .build()),
                413,
                "mesh.http.max-request-body");

        String raw;
        try (var socket = new Socket("localhost", port)) {
            socket.getOutputStream()
                    .write("GET /api/products?q=<|> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
            raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(raw).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(JSON.readTree(raw.substring(raw.indexOf("\r\n\r\n") + 4))
                        .path("status")
                        .asInt())
                .isEqualTo(400);
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(authorized(uri(path)).build());
    }

    /** A request with the platform client's token from the mesh's issuer. */
    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", new Tokens(port, identities).bearer("platform"));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
