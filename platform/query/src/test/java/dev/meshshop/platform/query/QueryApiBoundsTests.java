package dev.meshshop.platform.query;

import static dev.meshshop.platform.query.ShopProducts.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.ApiCalls;
import dev.meshshop.platform.access.MeshWebApplication;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * What a caller can make the query and access APIs hold: many large refusals leave only bounded text in memory and
 * on disk, every error is a problem, and a query that finds no turn is refused as busy.
 */
@SpringBootTest(
        classes = MeshWebApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mesh.query.flight.enabled=false",
            "mesh.query.concurrency=1",
            "mesh.query.max-wait=300ms",
            "mesh.access.usage-kept=50",
            "mesh.access.usage-file-size=64KB",
            "mesh.access.usage-files=2"
        })
class QueryApiBoundsTests {

    /** Per read in the audit, the most a line may take: the SQL, the reason and the names, each cut. */
    static final int LINE_BOUND = 10_000;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    @Autowired
    AccessRequests access;

    @Autowired
    UsageLog usage;

    @Autowired
    QueryService queries;

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
    void manyLargeRefusalsKeepAndWriteOnlyBoundedText() throws IOException {
        String huge = "a".repeat(600_000); // under the 1 MB body limit, as large as a caller can send
        long sent = 0;
        for (int i = 0; i < 40; i++) {
            var answers = new java.util.ArrayList<HttpResponse<String>>();
            String unknownProduct = "{\"sql\": \"SELECT * FROM checkout." + huge + "\"}";
            answers.add(api.post("/api/query", "fulfillment", unknownProduct));
            String hugeLiteral = "{\"sql\": \"SELECT '" + huge + "' FROM payment.payments\"}";
            answers.add(api.post("/api/query", "fulfillment", hugeLiteral));
            String hugeParse = "{\"sql\": \"SELECT " + huge + "(\"}";
            answers.add(api.post("/api/query", "fulfillment", hugeParse));
            String hugePurpose =
                    "{\"consumer\":\"payment\",\"product\":\"checkout.orders\",\"purpose\":\"" + huge + "\"}";
            answers.add(api.post("/api/access/requests", "payment", hugePurpose));
            String hugeProduct = "{\"consumer\":\"payment\",\"product\":\"checkout." + huge + "\",\"purpose\":\"x\"}";
            answers.add(api.post("/api/access/requests", "payment", hugeProduct));
            sent += unknownProduct.length()
                    + hugeLiteral.length()
                    + hugeParse.length()
                    + hugePurpose.length()
                    + hugeProduct.length();
            assertThat(answers)
                    .allSatisfy(answer -> assertThat(answer.statusCode()).isBetween(400, 404))
                    .allSatisfy(answer -> assertThat(answer.body()).hasSizeLessThan(4_000));
        }
        assertThat(sent).isGreaterThan(100_000_000L);

        var folder = usage.file().getParent();
        long written = 0;
        try (var files = Files.list(folder)) {
            for (var file : files.filter(file -> file.getFileName().toString().startsWith("usage"))
                    .toList()) {
                written += Files.size(file);
            }
        }
        assertThat(folder.resolve("usage.1.jsonl")).exists(); // 120 refusals filled more than one file
        assertThat(folder.resolve("usage.2.jsonl")).doesNotExist();
        assertThat(written).isLessThan(2 * (64 * 1024 + LINE_BOUND));
        assertThat(access.list(null, "payment", null)).isEmpty();

        var kept = usage.list(null, "fulfillment");
        assertThat(kept).hasSize(50);
        long keptChars = kept.stream().mapToLong(QueryApiBoundsTests::chars).sum();
        assertThat(keptChars).isLessThan(50L * LINE_BOUND);
        assertThat(kept.get(0).outcome()).isIn(Usage.Outcome.REFUSED, Usage.Outcome.FAILED);
        assertThat(kept.get(0).sql()).startsWith("SELECT aaaa").endsWith("more characters)");
        assertThat(api.get("/api/access/usage").body()).hasSizeLessThan(50 * LINE_BOUND);
    }

    @Test
    void theQueryRoutesErrorsAreProblems() throws Exception {
        var wrongType = send(HttpRequest.newBuilder(uri("/api/query"))
                .header("Content-Type", "text/plain")
                .header("Authorization", api.tokens().bearer("fulfillment"))
                .POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))
                .build());
        api.assertProblem(wrongType, 415, "text/plain");

        var wrongMethod = send(HttpRequest.newBuilder(uri("/api/query"))
                .header("Authorization", api.tokens().bearer("fulfillment"))
                .GET()
                .build());
        api.assertProblem(wrongMethod, 405, "GET");

        var tooLarge = api.post("/api/query", "fulfillment", "{\"sql\": \"SELECT '" + "b".repeat(1_100_000) + "'\"}");
        api.assertProblem(tooLarge, 413, "mesh.http.max-request-body");

        var csvTooLarge =
                api.post("/api/query", "fulfillment", "{\"sql\": \"" + "c".repeat(1_100_000) + "\"}", "text/csv");
        api.assertProblem(csvTooLarge, 413, "mesh.http.max-request-body");
    }

    @Test
    void aQueryThatFindsNoTurnIsRefusedAsBusyWithRetryAfter() {
        ShopProducts.grant(access, "search", ORDERS);
        try (var holding = queries.start("search", "SELECT * FROM checkout.orders", null, "csv")) {
            var busy = api.post("/api/query", "search", "{\"sql\": \"SELECT count(*) FROM checkout.orders\"}");

            api.assertProblem(busy, 503, "mesh.query.concurrency");
            assertThat(busy.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(
                            seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
        }
        var after = api.post("/api/query", "search", "{\"sql\": \"SELECT count(*) FROM checkout.orders\"}");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }

    private static long chars(Usage read) {
        return String.valueOf(read.consumer()).length()
                + String.valueOf(read.reason()).length()
                + String.valueOf(read.sql()).length()
                + read.products().stream().mapToInt(String::length).sum();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
