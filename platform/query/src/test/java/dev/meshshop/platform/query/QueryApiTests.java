package dev.meshshop.platform.query;

import static dev.meshshop.platform.query.ShopProducts.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.ApiCalls;
import dev.meshshop.platform.access.MeshWebApplication;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.storage.MeshLayout;
import java.net.http.HttpResponse;
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

/** SQL over HTTP as a notebook or the catalog's page sends it: JSON, CSV, problems and the usage audit. */
@SpringBootTest(
        classes = MeshWebApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mesh.query.max-rows=500", "mesh.query.timeout=2s", "mesh.query.flight.enabled=false"})
class QueryApiTests {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    @Autowired
    RSAKey signingKey;

    @Autowired
    AccessRequests access;

    ApiCalls api;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void publish() {
        ShopProducts.publish(new MeshLayout(dataDir));
    }

    @BeforeEach
    void connect() {
        api = new ApiCalls(port, identities);
    }

    @Test
    void aGrantedConsumerGetsRowsAsJson() {
        ShopProducts.grant(access, "search", ORDERS);

        var response = query(
                "search",
                "application/json",
                """
                {"sql": "SELECT order_id, total, status = 'purchased' AS bought FROM checkout.orders ORDER BY order_id",
                 "maxRows": 2}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var result = api.json(response);
        assertThat(result.path("columns").get(0).path("name").asText()).isEqualTo("order_id");
        assertThat(result.path("columns").get(0).path("type").asText()).isEqualTo("VARCHAR");
        assertThat(result.path("columns").get(1).path("type").asText()).startsWith("DECIMAL");
        assertThat(response.body()).contains("\"rows\":[[\"o-1\",100.00,true],[\"o-2\",50.00,true]]");
        assertThat(result.path("rowCount").asInt()).isEqualTo(2);
        assertThat(result.path("truncated").asBoolean()).isTrue();
        assertThat(result.path("elapsedMs").isNumber()).isTrue();

        var usage = api.json(api.get("/api/access/usage?consumer=search")).get(0);
        assertThat(usage.path("outcome").asText()).isEqualTo("ok");
        assertThat(usage.path("rows").asInt()).isEqualTo(2);
        assertThat(usage.path("products").get(0).asText()).isEqualTo("checkout.orders");
    }

    @Test
    void csvStreamsTheSameRowsForNotebooks() {
        var response = query(
                "checkout",
                "text/csv",
                """
                {"sql": "SELECT order_id, customer_email, total FROM checkout.orders ORDER BY order_id"}""");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("X-Mesh-Row-Cap")).contains("500");
        // the security headers go out before the rows stream, from another thread
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(response.body())
                .isEqualTo("order_id,customer_email,total\r\n"
                        + "o-1,ada@example.com,100.00\r\n"
                        + "o-2,bob@example.com,50.00\r\n"
                        + "o-3,cy@example.com,20.00\r\n");
        assertThat(query("checkout", "text/csv", "{\"sql\": \"SELECT * FROM range(1000)\"}")
                        .body()
                        .split("\r\n"))
                .hasSize(501);
        assertThat(api.json(api.get("/api/access/usage?consumer=checkout"))
                        .get(0)
                        .path("route")
                        .asText())
                .isEqualTo("csv");
    }

    @Test
    void aConsumerWithoutAGrantReadsNothingThroughEitherRoute() {
        for (String accept : new String[] {"application/json", "text/csv"}) {
            var response = query("payment", accept, "{\"sql\": \"SELECT * FROM fulfillment.shipments\"}");
            api.assertProblem(response, 403, "payment is not granted fulfillment.shipments");
            assertThat(response.body()).doesNotContain("standard").contains("POST /api/access/requests");
        }
        assertThat(api.json(api.get("/api/access/usage?consumer=payment"))
                        .get(0)
                        .path("outcome")
                        .asText())
                .isEqualTo("refused");
    }

    @Test
    void refusalsAreProblems() {
        api.assertProblem(query(null, "application/json", "{\"sql\": \"SELECT 1\"}"), 401, "oauth2/token");
        api.assertProblem(
                query(MeshIdentities.PLATFORM, "application/json", "{\"sql\": \"SELECT 1\"}"),
                403,
                "acts for no domain");
        api.assertProblem(
                query("payment", "application/json", "{\"sql\": \"DROP VIEW checkout.orders\"}"), 400, "writes");
        api.assertProblem(
                query("payment", "text/csv", "{\"sql\": \"COPY checkout.orders TO 'x.csv'\"}"), 400, "copies");
        api.assertProblem(
                query("payment", "application/json", "{\"sql\": \"SELECT * FROM checkout.basket\"}"),
                404,
                "Published products: [checkout.orders, fulfillment.shipments, payment.payments]");
        api.assertProblem(
                query("payment", "application/json", "{\"sql\": \"SELECT nope FROM payment.payments\"}"), 400, "nope");
        api.assertProblem(query("payment", "application/json", "{\"sql\": "), 400, "JSON object");
        api.assertProblem(
                query(
                        "payment",
                        "application/json",
                        "{\"sql\": \"SELECT count(*) FROM range(100000000) a, range(100000000) b\"}"),
                504,
                "longer than 2 s");
    }

    @Test
    void aTamperedOrExpiredTokenIs401AndATokenOfOneDomainActingAsAnotherIs403() throws Exception {
        ShopProducts.grant(access, "fulfillment", ORDERS);
        String token = api.tokens().token("fulfillment");
        String tampered = Tokens.tampered(token);
        var http = java.net.http.HttpClient.newHttpClient();
        var sql = "{\"sql\": \"SELECT count(*) FROM checkout.orders\"}";
        java.util.function.Function<String[], HttpResponse<String>> send = headers -> {
            var request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://localhost:" + port + "/api/query"))
                    .header("Content-Type", "application/json")
                    .headers(headers)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(sql));
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };

        api.assertProblem(send.apply(new String[] {"Authorization", "Bearer " + tampered}), 401, "refused");
        api.assertProblem(
                send.apply(new String[] {"Authorization", "Bearer " + Tokens.expired(signingKey, "fulfillment")}),
                401,
                "expired");
        api.assertProblem(
                send.apply(new String[] {"Authorization", "Bearer " + token, "X-Mesh-Identity", "checkout"}),
                403,
                "acts only for its own domain");
        assertThat(send.apply(new String[] {"Authorization", "Bearer " + token}).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> query(String identity, String accept, String body) {
        return api.post("/api/query", identity, body, accept);
    }
}
