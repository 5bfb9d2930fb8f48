package dev.meshshop.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every error answer of a mesh web application is an RFC 7807 problem, whoever gives it: the access API, Spring
 * MVC (no such route, wrong method, wrong media type), the request body limit, and Tomcat itself.
 */
@SpringBootTest(
        classes = MeshWebApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mesh.http.max-request-body=4KB")
class ErrorAnswersTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    ApiCalls api;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void publishOrders() {
        PublishedOrders.publish(new MeshLayout(dataDir));
    }

    @BeforeEach
    void connect() {
        api = new ApiCalls(port, identities);
    }

    @Test
    void anUnknownRouteIsANotFoundProblem() {
        api.assertProblem(api.get("/api/nothing/here"), 404, "/api/nothing/here");
        api.assertProblem(api.get("/no-such-page.html"), 404, "/no-such-page.html");
        api.assertProblem(api.post("/api/access/requests/some-id/accept", "checkout", "{}"), 404, "");
    }

    @Test
    void theErrorPageIsAProblemInPlaceOfTheWhiteLabelPage() {
        api.assertProblem(api.get("/error"), 500, "its log says why");
    }

    @Test
    void aWrongMethodIsAMethodNotAllowedProblem() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/access/grants"))
                .header("Authorization", api.tokens().bearer("search"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());
        api.assertProblem(response, 405, "DELETE");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void aBodyOfTheWrongMediaTypeIsAnUnsupportedMediaTypeProblem() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/access/requests"))
                .header("Content-Type", "text/plain")
                .header("Authorization", api.tokens().bearer("search"))
                .POST(HttpRequest.BodyPublishers.ofString("search wants checkout.orders"))
                .build());
        api.assertProblem(response, 415, "text/plain");
    }

    @Test
    void aMissingParameterAndUnreadableJsonAreBadRequestProblems() {
        api.assertProblem(api.post("/api/access/requests", "search", "{\"consumer\": "), 400, "JSON object");
        api.assertProblem(api.get("/api/access/grants"), 400, "consumer=");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithTheLimitAndTheFix() throws Exception {
        String purpose = "p".repeat(5_000);
        var response = api.post(
                "/api/access/requests",
                "search",
                "{\"consumer\":\"search\",\"product\":\"checkout.orders\",\"purpose\":\"" + purpose + "\"}");
        api.assertProblem(response, 413, "at most 4096 bytes (mesh.http.max-request-body)");
        assertThat(response.body()).hasSizeLessThan(1_000);

        var chunked = send(HttpRequest.newBuilder(uri("/api/access/requests"))
                .header("Content-Type", "application/json")
                .header("Authorization", api.tokens().bearer("search"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body(purpose)))
                .build());
        api.assertProblem(chunked, 413, "more than 4096 bytes");

        var small = send(HttpRequest.newBuilder(uri("/api/access/requests"))
                .header("Content-Type", "application/json")
                .header("Authorization", api.tokens().bearer("search"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> body("{\"consumer\":\"search\",\"product\":\"checkout.orders\",\"purpose\":\"ads\"}")))
                .build());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
    }

    @Test
    void aPurposeOrAnIdentifierTooLongIsRefusedWithoutRepeatingIt() {
        String huge = "q".repeat(3_000);
        var purpose = api.post(
                "/api/access/requests",
                "search",
                "{\"consumer\":\"search\",\"product\":\"checkout.orders\",\"purpose\":\"" + huge + "\"}");
        api.assertProblem(purpose, 400, "at most 1000 characters");
        var product = api.post(
                "/api/access/requests",
                "search",
                "{\"consumer\":\"search\",\"product\":\"checkout." + huge + "\",\"purpose\":\"ads\"}");
        api.assertProblem(product, 400, "more characters)");
        var request = api.get("/api/access/requests/" + huge);
        api.assertProblem(request, 404, "more characters)");
        var consumer = api.post(
                "/api/access/requests",
                "search",
                "{\"consumer\":\"" + huge + "\",\"product\":\"checkout.orders\",\"purpose\":\"ads\"}");
        api.assertProblem(consumer, 403, "more characters)");
        for (var response : java.util.List.of(purpose, product, request, consumer)) {
            assertThat(response.body()).hasSizeLessThan(1_000);
        }
    }

    @Test
    void tomcatsOwnBadRequestIsAProblemToo() throws IOException {
        var answer = raw("GET /api/access/grants?consumer={search} HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        var body = ApiCalls.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("title").asText()).isEqualTo("Bad Request");
        assertThat(body.path("detail").asText()).contains("percent-encode");
    }

    private String raw(String request) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
