package dev.meshshop.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.StandInProducts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access API over HTTP, as the catalog's pages and curl use it: statuses, JSON and problems. */
@SpringBootTest(classes = AccessApiTests.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessApiTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void publishOrders() {
        StandInProducts.publish(new MeshLayout(dataDir), "stand-ins/checkout/orders", connection -> {
            connection
                    .createStatement()
                    .execute("CREATE TABLE model.orders AS SELECT 'o-1' AS order_id, NULL::VARCHAR AS customer_email,"
                            + " NULL::VARCHAR AS customer_phone, 12.5 AS total");
            return null;
        });
    }

    @Test
    void fulfillmentRequestsCheckoutApprovesAndTheGrantShows() throws Exception {
        var created = post(
                "/api/access/requests",
                "fulfillment",
                """
                {"consumer":"fulfillment","product":"checkout.orders","purpose":"ship what checkout sold"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        var request = JSON.readTree(created.body());
        String id = request.path("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/access/requests/" + id);
        assertThat(request.path("consumer").asText()).isEqualTo("fulfillment");
        assertThat(request.path("product").asText()).isEqualTo("checkout.orders");
        assertThat(request.path("purpose").asText()).isEqualTo("ship what checkout sold");
        assertThat(request.path("state").asText()).isEqualTo("pending");
        assertThat(Instant.parse(request.path("requestedAt").asText())).isNotNull();
        assertThat(request.path("history").get(0).path("actor").asText()).isEqualTo("fulfillment");

        assertThat(post("/api/access/requests/" + id + "/approve", "fulfillment", "")
                        .statusCode())
                .isEqualTo(403);
        var approved = post("/api/access/requests/" + id + "/approve", "checkout", "");
        assertThat(approved.statusCode()).isEqualTo(200);
        var history = JSON.readTree(approved.body()).path("history");
        assertThat(history.get(1).path("state").asText()).isEqualTo("approved");
        assertThat(history.get(1).path("actor").asText()).isEqualTo("checkout");
        assertThat(Instant.parse(history.get(1).path("at").asText())).isNotNull();

        assertThat(JSON.readTree(get("/api/access/grants?consumer=fulfillment").body()))
                .containsExactly(JSON.getNodeFactory().textNode("checkout.orders"));
        assertThat(JSON.readTree(get("/api/access/requests/" + id).body())
                        .path("state")
                        .asText())
                .isEqualTo("approved");
        var approvedOnes = JSON.readTree(get("/api/access/requests?product=checkout.orders&state=approved")
                .body());
        assertThat(approvedOnes.findValuesAsText("id")).contains(id);

        var revoked = post(
                "/api/access/requests/" + id + "/revoke",
                "checkout",
                """
                {"reason":"the shipping contract ended"}""");
        assertThat(JSON.readTree(revoked.body())
                        .path("history")
                        .get(2)
                        .path("reason")
                        .asText())
                .isEqualTo("the shipping contract ended");
        assertThat(JSON.readTree(get("/api/access/grants?consumer=fulfillment").body()))
                .isEmpty();
    }

    @Test
    void refusalsAreProblemsThatSayWhatToFix() throws Exception {
        assertProblem(
                post(
                        "/api/access/requests",
                        null,
                        """
                        {"consumer":"payment","product":"checkout.orders","purpose":"x"}"""),
                401,
                "X-Mesh-Identity");
        assertProblem(
                post(
                        "/api/access/requests",
                        "search",
                        """
                        {"consumer":"payment","product":"checkout.orders","purpose":"x"}"""),
                403,
                "Only domain payment may request access for itself");
        assertProblem(
                post(
                        "/api/access/requests",
                        "payment",
                        """
                        {"consumer":"payment","product":"checkout.baskets","purpose":"x"}"""),
                404,
                "Published products: [checkout.orders]");
        assertProblem(
                post(
                        "/api/access/requests",
                        "payment",
                        """
                        {"consumer":"payment","product":"checkout.orders"}"""),
                400,
                "purpose");
        assertProblem(post("/api/access/requests", "payment", "{not json"), 400, "JSON object");
        assertProblem(get("/api/access/requests?state=granted"), 400, "pending");
        assertProblem(get("/api/access/requests/nope"), 404, "no access request nope");
        assertProblem(get("/api/access/grants"), 400, "consumer=");

        var created = post(
                "/api/access/requests",
                "payment",
                """
                {"consumer":"payment","product":"checkout.orders","purpose":"settle orders"}""");
        String id = JSON.readTree(created.body()).path("id").asText();
        assertProblem(
                post(
                        "/api/access/requests",
                        "payment",
                        """
                        {"consumer":"payment","product":"checkout.orders","purpose":"again"}"""),
                409,
                id);
        assertProblem(post("/api/access/requests/" + id + "/reject", "checkout", "{}"), 400, "Say why");
        assertThat(post(
                                "/api/access/requests/" + id + "/reject",
                                "checkout",
                                """
                        {"reason":"payment reads orders from its own events"}""")
                        .statusCode())
                .isEqualTo(200);
        assertProblem(post("/api/access/requests/" + id + "/approve", "checkout", ""), 409, "is rejected");
    }

    @Test
    void theUsageAuditListsReadsNewestFirst() throws Exception {
        var usage = new UsageLog(new MeshLayout(dataDir), 100);
        usage.record(new Usage(
                "search",
                List.of("checkout.orders"),
                Instant.parse("2026-01-01T10:00:00Z"),
                3,
                12,
                Usage.Outcome.OK,
                null,
                "http",
                "SELECT 1"));
        usage.record(new Usage(
                "payment",
                List.of("checkout.orders"),
                Instant.parse("2026-01-01T10:01:00Z"),
                0,
                2,
                Usage.Outcome.REFUSED,
                "not granted",
                "csv",
                "SELECT 2"));

        var all = JSON.readTree(get("/api/access/usage?product=checkout.orders").body());
        assertThat(all.findValuesAsText("consumer")).containsSubsequence("payment", "search");
        var search =
                JSON.readTree(get("/api/access/usage?consumer=search").body()).get(0);
        assertThat(search.path("products").get(0).asText()).isEqualTo("checkout.orders");
        assertThat(search.path("at").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(search.path("rows").asLong()).isEqualTo(3);
        assertThat(search.path("elapsedMs").asLong()).isEqualTo(12);
        assertThat(search.path("outcome").asText()).isEqualTo("ok");
        var payment =
                JSON.readTree(get("/api/access/usage?consumer=payment").body()).get(0);
        assertThat(payment.path("outcome").asText()).isEqualTo("refused");
        assertThat(payment.path("reason").asText()).isEqualTo("not granted");
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).contains(detail);
    }

    private HttpResponse<String> post(String path, String identity, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (identity != null) {
            request.header(Identities.HEADER, identity);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
