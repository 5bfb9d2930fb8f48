package dev.meshshop.platform.access;

import static dev.meshshop.platform.access.ApiCalls.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The access API over HTTP, as the catalog's pages and curl use it: statuses, JSON and problems. */
@SpringBootTest(classes = MeshWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessApiTests {

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
    void fulfillmentRequestsCheckoutApprovesAndTheGrantShows() {
        var before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var created = api.post(
                "/api/access/requests",
                "fulfillment",
                """
                {"consumer":"fulfillment","product":"checkout.orders","purpose":"ship what checkout sold"}""");
        assertThat(created.statusCode()).isEqualTo(201);
        var request = api.json(created);
        String id = request.path("id").asText();
        assertThat(created.headers().firstValue("Location")).contains("/api/access/requests/" + id);
        assertThat(request.path("consumer").asText()).isEqualTo("fulfillment");
        assertThat(request.path("product").asText()).isEqualTo("checkout.orders");
        assertThat(request.path("purpose").asText()).isEqualTo("ship what checkout sold");
        assertThat(request.path("state").asText()).isEqualTo("pending");
        var requestedAt = Instant.parse(request.path("requestedAt").asText());
        assertThat(requestedAt).isBetween(before, Instant.now());
        assertThat(request.path("history").get(0).path("actor").asText()).isEqualTo("fulfillment");

        assertThat(api.post("/api/access/requests/" + id + "/approve", "fulfillment", "")
                        .statusCode())
                .isEqualTo(403);
        var approved = api.post("/api/access/requests/" + id + "/approve", "checkout", "");
        assertThat(approved.statusCode()).isEqualTo(200);
        var history = api.json(approved).path("history");
        assertThat(history.get(1).path("state").asText()).isEqualTo("approved");
        assertThat(history.get(1).path("actor").asText()).isEqualTo("checkout");
        assertThat(Instant.parse(history.get(1).path("at").asText())).isBetween(requestedAt, Instant.now());

        assertThat(api.json(api.get("/api/access/grants?consumer=fulfillment")))
                .containsExactly(JSON.getNodeFactory().textNode("checkout.orders"));
        assertThat(api.json(api.get("/api/access/requests/" + id)).path("state").asText())
                .isEqualTo("approved");
        assertThat(api.json(api.get("/api/access/requests?product=checkout.orders&state=approved"))
                        .findValuesAsText("id"))
                .contains(id);

        var revoked = api.post(
                "/api/access/requests/" + id + "/revoke",
                "checkout",
                """
                {"reason":"the shipping contract ended"}""");
        assertThat(api.json(revoked).path("history").get(2).path("reason").asText())
                .isEqualTo("the shipping contract ended");
        assertThat(api.json(api.get("/api/access/grants?consumer=fulfillment"))).isEmpty();
    }

    @Test
    void refusalsAreProblemsThatSayWhatToFix() {
        api.assertProblem(
                api.post(
                        "/api/access/requests",
                        null,
                        """
                        {"consumer":"payment","product":"checkout.orders","purpose":"x"}"""),
                401,
                "oauth2/token");
        api.assertProblem(
                api.post(
                        "/api/access/requests",
                        "search",
                        """
                        {"consumer":"payment","product":"checkout.orders","purpose":"x"}"""),
                403,
                "Only domain payment may request access for itself");
        api.assertProblem(
                api.post(
                        "/api/access/requests",
                        "payment",
                        """
                        {"consumer":"payment","product":"checkout.baskets","purpose":"x"}"""),
                404,
                "Published products: [checkout.orders]");
        api.assertProblem(
                api.post(
                        "/api/access/requests",
                        "payment",
                        """
                        {"consumer":"payment","product":"checkout.orders"}"""),
                400,
                "purpose");
        api.assertProblem(api.post("/api/access/requests", "payment", "{not json"), 400, "JSON object");
        api.assertProblem(api.get("/api/access/requests?state=granted"), 400, "pending");
        api.assertProblem(api.get("/api/access/requests/nope"), 404, "no access request nope");
        api.assertProblem(api.get("/api/access/grants"), 400, "consumer=");

        var created = api.post(
                "/api/access/requests",
                "payment",
                """
                {"consumer":"payment","product":"checkout.orders","purpose":"settle orders"}""");
        String id = api.json(created).path("id").asText();
        api.assertProblem(
                api.post(
                        "/api/access/requests",
                        "payment",
                        """
                        {"consumer":"payment","product":"checkout.orders","purpose":"again"}"""),
                409,
                id);
        api.assertProblem(api.post("/api/access/requests/" + id + "/reject", "checkout", "{}"), 400, "Say why");
        assertThat(api.post(
                                "/api/access/requests/" + id + "/reject",
                                "checkout",
                                """
                        {"reason":"payment reads orders from its own events"}""")
                        .statusCode())
                .isEqualTo(200);
        api.assertProblem(api.post("/api/access/requests/" + id + "/approve", "checkout", ""), 409, "is rejected");
        assertThat(api.post("/api/access/requests/" + id + "/accept", "checkout", "")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theUsageAuditListsReadsNewestFirst() {
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

        var all = api.json(api.get("/api/access/usage?product=checkout.orders"));
        assertThat(all.findValuesAsText("consumer")).containsSubsequence("payment", "search");
        var search = api.json(api.get("/api/access/usage?consumer=search")).get(0);
        assertThat(search.path("products").get(0).asText()).isEqualTo("checkout.orders");
        assertThat(search.path("at").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(search.path("rows").asLong()).isEqualTo(3);
        assertThat(search.path("elapsedMs").asLong()).isEqualTo(12);
        assertThat(search.path("outcome").asText()).isEqualTo("ok");
        var payment = api.json(api.get("/api/access/usage?consumer=payment")).get(0);
        assertThat(payment.path("outcome").asText()).isEqualTo("refused");
        assertThat(payment.path("reason").asText()).isEqualTo("not granted");
    }
}
