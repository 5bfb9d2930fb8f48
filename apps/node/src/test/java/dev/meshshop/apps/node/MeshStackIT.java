package dev.meshshop.apps.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.identity.IssuerClient;
import dev.meshshop.platform.metabase.DashboardDefinition;
import dev.meshshop.platform.metabase.DashboardDefinitions;
import dev.meshshop.platform.metabase.FakeMetabase;
import dev.meshshop.platform.metabase.MetabaseApi;
import dev.meshshop.platform.metabase.MetabaseClient;
import dev.meshshop.platform.metabase.MetabaseConnection;
import dev.meshshop.platform.metabase.MetabaseProvisioner;
import dev.meshshop.platform.storage.ProductId;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker-compose.yml as a new user runs it, on a real Docker engine, checked from outside through the ports it
 * publishes: the images build from this repository, every service becomes healthy, the one-shot provisioning
 * fills the simulated company and provisions the dashboards, the catalog lists every product, the query service
 * answers a cross-domain query over HTTP and Flight SQL and refuses an ungranted one. Then {@code down} and {@code up} again keep products,
 * grants and Kafka offsets (no event is ingested twice), and {@code down --volumes} starts from nothing.
 *
 * <p>The compose file runs as it is, with an override only for what cannot exist on a build machine: Metabase,
 * whose image needs its vendor's downloads, is stood in by {@link FakeMetabaseServer} (the API stand-in the
 * provisioning's own tests use) in the project's image; restart policies are off, so a failing service fails the
 * test instead of restarting. It runs with the scale profile's file (docker-compose.scale.yml): the emitting
 * domains clean on a Flink session cluster (its REST API lists their finished jobs), the questions of
 * docs/questions give the same answers through Trino as through the query service, Trino refuses what was not
 * granted, and a grant approved in the catalog holds in Trino within {@link #GRANT_IN_TRINO}. It takes minutes and skips without a
 * Docker engine or a compose command. Its twin without Docker is {@link MeshStackTests}.
 */
@Testcontainers(disabledWithoutDocker = true)
class MeshStackIT {

    static final String PROJECT = "meshshop-it";
    static final Duration BUILD = Duration.ofMinutes(20);
    static final Duration STARTUP = Duration.ofMinutes(15);
    static final List<String> DOMAINS =
            List.of("checkout", "payment", "fulfillment", "search", "customer360", "datascience", "controlling");
    /** The domains that emit events and so run ingest; the others only read the others' products. */
    static final List<String> EMITTING = List.of("checkout", "payment", "fulfillment", "search");

    static final List<String> SERVICES = List.of(
            "kafka",
            "checkout",
            "payment",
            "fulfillment",
            "search",
            "customer360",
            "datascience",
            "controlling",
            "catalog",
            "query",
            "metabase",
            "jobmanager");
    /** The scale profile's TaskManagers, which the JobManager's health counts. */
    static final List<String> TASK_MANAGERS = List.of("taskmanager-1", "taskmanager-2");
    /**
     * The scale profile's service: not among those whose health gates each step, since it has a low CPU share and
     * becomes healthy after the fill; the Trino checks wait for it.
     */
    static final String TRINO = "trino";
    /** How soon a grant approved in the catalog holds in Trino: the catalog's sync interval, Trino's refresh. */
    static final Duration GRANT_IN_TRINO = Duration.ofSeconds(15);
    /**
     * The share of the simulated company the provisioning sends: the test checks the wiring, not the volume, so it
     * sends a fifth of what {@code .env} gives a new user. {@code -Dmesh.stack.scale=1} sends the whole year, for the
     * figures of docs/BIGGER-THAN-ONE-MACHINE.md.
     */
    static final String MESH_SCALE = System.getProperty("mesh.stack.scale", "0.01");
    /** How long the products may take after the start: the start, and a minute per 0.02 of scale beyond it. */
    static final Duration PRODUCTS = STARTUP.plusMinutes((long) Math.ceil(Double.parseDouble(MESH_SCALE) * 50));
    /**
     * The JVM options of the project's containers in this test (JDK_JAVA_OPTIONS, beside the compose file's
     * JAVA_TOOL_OPTIONS): fifteen of them start at once on the build machine's cores, and the test checks the wiring,
     * not the speed of long runs, so the JIT compiles only quickly (C1) and the collector is the serial one.
     */
    static final String QUICK_START = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** The scale profile's file, over docker-compose.yml. */
    static final Path SCALE = ComposeProject.ROOT.directory().resolve("docker-compose.scale.yml");

    static final String CROSS_DOMAIN = "SELECT s.shipping_option, count(*) AS shipments FROM checkout.orders o"
            + " JOIN fulfillment.shipments s USING (order_id) GROUP BY ALL ORDER BY 1";

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static ComposeStack stack;
    static Map<String, String> ports;
    static long started;

    @BeforeAll
    static void buildTheImages() throws IOException {
        var command = ComposeStack.composeCommand();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                command.isPresent(),
                "Docker is reachable, but neither 'docker compose' nor 'docker-compose' is installed: the compose"
                        + " test is skipped. Install Docker Compose to run it.");
        DockerImages.awaitPrepared();
        var work = Files.createDirectories(Path.of("target", "mesh-stack-it").toAbsolutePath());
        ports = new LinkedHashMap<>();
        for (var port : List.of(
                "CATALOG_PORT",
                "QUERY_PORT",
                "FLIGHT_SQL_PORT",
                "METABASE_PORT",
                "KAFKA_PORT",
                "TRINO_PORT",
                "FLINK_PORT")) {
            ports.put(port, Integer.toString(freePort()));
        }
        var env = new LinkedHashMap<>(ports);
        env.put("METABASE_ADMIN_EMAIL", FakeMetabase.ADMIN_EMAIL);
        env.put("METABASE_ADMIN_PASSWORD", FakeMetabase.ADMIN_PASSWORD);
        // known secrets for the stack's identities, as a deployment sets them in .env
        env.put("MESH_IDENTITY_PLATFORM_SECRET", secret("platform"));
        for (String domain : DOMAINS) {
            String upper = domain.toUpperCase(java.util.Locale.ROOT);
            env.put("MESH_IDENTITY_" + upper + "_PASSWORD", password(domain));
            env.put("MESH_IDENTITY_" + upper + "_CLIENT_SECRET", secret(domain + "-client"));
        }
        env.put("MESH_SCALE", MESH_SCALE);
        env.put("DOCKER_BUILDKIT", "1");
        env.put("COMPOSE_DOCKER_CLI_BUILD", "1");
        var log = work.resolve("compose.log");
        Files.deleteIfExists(log);
        stack = new ComposeStack(
                command.get(), List.of(ComposeProject.ROOT.file(), SCALE, override(work)), PROJECT, env, log);
        step("compose command: " + String.join(" ", command.get()) + "; its output goes to " + log);
        stack.compose(Duration.ofMinutes(5), "down", "--volumes", "--remove-orphans");
        long build = System.nanoTime();
        // every Mesh Shop service runs the same image: building one service's builds it
        stack.compose(BUILD, "build", "checkout");
        step("image " + ComposeProject.ROOT.env().get("MESH_SHOP_IMAGE") + " built in " + since(build) + " s");
    }

    @AfterAll
    static void down() {
        if (stack != null) {
            stack.compose(Duration.ofMinutes(5), "down", "--volumes", "--remove-orphans");
        }
    }

    @Test
    void theStackComesUpAnswersTheTourAndKeepsItsStateUntilItsVolumesAreRemoved() throws Exception {
        var expected = DomainsOnClasspath.products().stream()
                .map(ProductId::toString)
                .sorted()
                .toList();

        // first up: everything healthy, the company sent, every product published
        up();
        awaitHealthy();
        awaitProducts(expected);
        reportMemory();
        assertCleanedOnTheCluster();
        assertProvisioned(true);
        assertDashboardsInMetabase();

        // the README's query, through the query service; and one the caller was not granted
        var shipments = query("fulfillment", CROSS_DOMAIN);
        assertThat(shipments.status).as(shipments.body.toString()).isEqualTo(200);
        assertThat(shipments.body.path("rows")).isNotEmpty();
        var refused = query("fulfillment", "SELECT count(*) FROM payment.payments");
        assertThat(refused.status).isEqualTo(403);
        assertThat(refused.body.path("detail").asText()).contains("payment.payments");
        assertThat(flightSqlCount("fulfillment", "checkout.orders")).isPositive();

        // the scale profile: every question answered alike through Trino; what is not granted refused there too
        awaitTrinoHealthy();
        assertQuestionsAlikeThroughTrino();
        assertThat(trinoRefusal("fulfillment", "SELECT count(*) FROM payment.payments"))
                .contains("Access Denied");
        assertThat(trinoRefusal("search", "SELECT count(*) FROM fulfillment.returns"))
                .contains("Access Denied");

        // a grant decided through the catalog: search asks, fulfillment approves, search reads
        var request = post(
                catalog("/api/access/requests"),
                "search",
                Map.of(
                        "consumer",
                        "search",
                        "product",
                        "fulfillment.returns",
                        "purpose",
                        "which searches end in returns"));
        assertThat(request.status).as(request.body.toString()).isEqualTo(201);
        var approved = post(
                catalog("/api/access/requests/" + request.body.path("id").asText() + "/approve"),
                "fulfillment",
                Map.of());
        assertThat(approved.status).as(approved.body.toString()).isEqualTo(200);
        long approvedAt = System.nanoTime();
        assertThat(query("search", "SELECT count(*) FROM fulfillment.returns").status)
                .isEqualTo(200);
        await().atMost(GRANT_IN_TRINO)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() ->
                        assertThat(trinoCount("search", "fulfillment.returns")).isPositive());
        step("the grant held in Trino "
                + Duration.ofNanos(System.nanoTime() - approvedAt).toMillis() + " ms after it was approved");
        var rows = rowsPerProduct(expected);

        // down and up again, volumes kept: the same products, the grant, and nothing ingested twice
        long down = System.nanoTime();
        stack.compose(Duration.ofMinutes(5), "down");
        step("down (volumes kept) in " + since(down) + " s");
        up();
        awaitHealthy();
        awaitProducts(expected);
        assertProvisioned(false);
        assertThat(rowsPerProduct(expected)).isEqualTo(rows);
        assertThat(query("search", "SELECT count(*) FROM fulfillment.returns").status)
                .isEqualTo(200);
        assertNothingIngestedAgain();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(trinoCount("search", "fulfillment.returns"))
                        .isEqualTo(rows.get("fulfillment.returns")));
        step("after the restart: the same rows in every product, the grant kept (in Trino too), nothing ingested"
                + " twice");

        // down --volumes: the next start knows no product and no request
        stack.compose(Duration.ofMinutes(5), "down", "--volumes");
        assertThat(stack.docker(
                                Duration.ofMinutes(1),
                                "volume",
                                "ls",
                                "--quiet",
                                "--filter",
                                "label=com.docker.compose.project=" + PROJECT)
                        .strip())
                .isEmpty();
        stack.compose(Duration.ofMinutes(5), "up", "--detach", "--no-build", "catalog");
        await().atMost(STARTUP)
                .pollInterval(Duration.ofSeconds(2))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(get(catalog("/actuator/health/readiness")).status)
                        .isEqualTo(200));
        assertThat(get(catalog("/api/products")).body).isEmpty();
        assertThat(get(catalog("/api/access/requests")).body).isEmpty();
        step("after down --volumes: no product, no access request");
    }

    private static void up() {
        started = System.nanoTime();
        stack.compose(STARTUP, "up", "--detach", "--no-build");
        step("up returned after " + since(started) + " s");
    }

    private static void awaitHealthy() {
        await().atMost(STARTUP).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            for (var service : SERVICES) {
                String container = stack.container(service);
                assertThat(container).as("the container of " + service).isNotEmpty();
                assertThat(stack.inspect(container, "{{.State.Status}} {{.State.Health.Status}}"))
                        .as("the state of " + service)
                        .isEqualTo("running healthy");
            }
        });
        step("all " + SERVICES.size() + " services healthy after " + since(started) + " s");
    }

    private static void awaitTrinoHealthy() {
        await().atMost(STARTUP).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                        stack.inspect(stack.container(TRINO), "{{.State.Status}} {{.State.Health.Status}}"))
                .as("the state of " + TRINO)
                .isEqualTo("running healthy"));
        step(TRINO + " healthy after " + since(started) + " s");
    }

    private static void awaitProducts(List<String> expected) {
        await().atMost(PRODUCTS)
                .pollInterval(Duration.ofSeconds(3))
                .failFast("provision failed, so no product will come", MeshStackIT::provisionFailed)
                .ignoreExceptions()
                .untilAsserted(() ->
                        assertThat(ids(get(catalog("/api/products")).body)).containsExactlyElementsOf(expected));
        step("all " + expected.size() + " products in the catalog after " + since(started) + " s");
    }

    /**
     * Every emitting domain cleaned on the scale profile's Flink session cluster: its REST API lists finished jobs
     * {@code clean-<domain>} of each, and no failed one.
     */
    private static void assertCleanedOnTheCluster() throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get("FLINK_PORT") + "/jobs/overview"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var jobs = new java.util.TreeMap<String, Integer>();
        for (var job : JSON.readTree(response.body()).path("jobs")) {
            jobs.merge(job.path("name").asText() + " " + job.path("state").asText(), 1, Integer::sum);
        }
        for (var domain : EMITTING) {
            assertThat(jobs).as("the cluster's jobs").containsKey("clean-" + domain + " FINISHED");
        }
        assertThat(jobs.keySet()).as("the cluster's jobs").noneMatch(job -> job.endsWith(" FAILED"));
        step("the cleanings ran on the Flink session cluster: " + jobs);
    }

    /** What the stack's containers use now, each and in all, as {@code docker stats} reports it. */
    private static void reportMemory() {
        var stats = stack.docker(Duration.ofMinutes(1), "stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}");
        double total = 0;
        var each = new ArrayList<String>();
        for (var line : stats.lines().toList()) {
            var fields = line.strip().split("\\s+");
            if (fields.length < 2 || !fields[0].startsWith(PROJECT)) {
                continue;
            }
            double mebibytes = mebibytes(fields[1]);
            total += mebibytes;
            each.add(fields[0].substring(PROJECT.length() + 1) + " " + Math.round(mebibytes));
        }
        step("memory of the stack with every product published: " + Math.round(total) + " MiB in all (" + each + ")");
    }

    private static double mebibytes(String size) {
        var number = size.replaceAll("[^0-9.]", "");
        double value = number.isEmpty() ? 0 : Double.parseDouble(number);
        if (size.endsWith("GiB")) {
            return value * 1024;
        }
        if (size.endsWith("KiB")) {
            return value / 1024;
        }
        if (size.endsWith("MiB")) {
            return value;
        }
        return value / (1024 * 1024);
    }

    private static boolean provisionFailed() {
        String provision = stack.container("provision");
        if (provision.isEmpty()
                || !stack.inspect(provision, "{{.State.Status}}").equals("exited")) {
            return false;
        }
        if (stack.inspect(provision, "{{.State.ExitCode}}").equals("0")) {
            return false;
        }
        step("provision failed; the end of its log:\n"
                + stack.compose(Duration.ofMinutes(1), "logs", "--no-color", "--tail=40", "provision"));
        return true;
    }

    /** The one-shot ended well; on a new stack it sent the company, on a kept one it sent nothing. */
    private static void assertProvisioned(boolean first) {
        String provision = stack.container("provision");
        await().atMost(STARTUP)
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> stack.inspect(provision, "{{.State.Status}}").equals("exited"));
        var logs = stack.compose(Duration.ofMinutes(1), "logs", "--no-color", "provision");
        assertThat(stack.inspect(provision, "{{.State.ExitCode}}"))
                .as("provision's exit code; its log:\n" + logs)
                .isEqualTo("0");
        for (var domain : List.of("checkout", "payment", "fulfillment", "search")) {
            assertThat(logs)
                    .as("provision's log about " + domain)
                    .contains(domain + (first ? ": sent " : ": its topics hold "));
        }
        assertThat(logs).contains("Metabase at http://metabase:3000 is provisioned");
        step("provision exited with 0 after " + since(started) + " s"
                + (first ? ", having sent the simulated company" : ", having sent nothing"));
    }

    private static void assertDashboardsInMetabase() {
        var admin = MetabaseConnection.asAdmin(
                URI.create("http://localhost:" + ports.get("METABASE_PORT")),
                FakeMetabase.ADMIN_EMAIL,
                FakeMetabase.ADMIN_PASSWORD);
        var metabase = MetabaseClient.to(admin).signIn();
        var dashboards = DashboardDefinitions.onClasspath(MeshStackIT.class.getClassLoader());
        var domains =
                dashboards.stream().map(DashboardDefinition::domain).distinct().toList();
        assertThat(domains).contains("checkout", "fulfillment", "customer360");
        for (var domain : domains) {
            // the test's class path may hold a domain's resources twice (its classes and its jar)
            assertThat(dashboardsIn(metabase, domain))
                    .containsExactlyInAnyOrderElementsOf(dashboards.stream()
                            .filter(dashboard -> dashboard.domain().equals(domain))
                            .map(DashboardDefinition::name)
                            .distinct()
                            .toList());
        }
    }

    /** Each product's rows, counted by its owner through the query service. */
    private static Map<String, Long> rowsPerProduct(List<String> products) throws Exception {
        var rows = new TreeMap<String, Long>();
        for (var product : products) {
            var owner = ProductId.parse(product).domain();
            var answer = query(owner, "SELECT count(*) AS n FROM " + product);
            assertThat(answer.status).as(product + ": " + answer.body).isEqualTo(200);
            rows.put(product, answer.body.path("rows").get(0).get(0).asLong());
        }
        assertThat(rows.values()).allSatisfy(count -> assertThat(count).isPositive());
        return rows;
    }

    /**
     * Every domain's ingest, since its process started again, read nothing: neither new records (offsets lost) nor
     * records it had stored already (offsets of the raw zone ahead of Kafka's).
     */
    private static void assertNothingIngestedAgain() {
        // every process validates the catalog's tokens with the key in the shared volume
        String platform = bearer("platform");
        for (var domain : EMITTING) {
            var container = stack.container(domain);
            for (var outcome : List.of("ingested", "redelivered")) {
                var metric = stack.docker(
                        Duration.ofMinutes(1),
                        "exec",
                        container,
                        "curl",
                        "--silent",
                        "--header",
                        "Authorization: " + platform,
                        "http://localhost:8080/actuator/metrics/mesh.ingest.records?tag=outcome:" + outcome);
                // ingest registers its counters when it starts, so the metric exists at zero: an answer without
                // a measurement means the process or its metrics are not what this test expects
                var measurement = read(metric).path("measurements").path(0).path("value");
                assertThat(measurement.isNumber())
                        .as(domain + ": mesh.ingest.records{outcome=" + outcome + "} answered " + metric)
                        .isTrue();
                double count = measurement.asDouble();
                assertThat(count)
                        .as(domain + " " + outcome + " after the restart")
                        .isZero();
            }
        }
    }

    /**
     * Every question of docs/questions, asked by a domain granted what they read, gives the same rows through Trino
     * (its version in docs/questions/trino) as through the query service. Controlling asks: the owners approve
     * what it was not granted yet.
     */
    private static void assertQuestionsAlikeThroughTrino() throws Exception {
        String asker = "controlling";
        for (var product : List.of(
                "search.search_sessions",
                "checkout.orders",
                "checkout.order_items",
                "fulfillment.shipments",
                "fulfillment.returns",
                "fulfillment.inventory_latest",
                "fulfillment.article_history")) {
            if (query(asker, "SELECT 1 FROM " + product + " LIMIT 1").status == 200) {
                continue;
            }
            var request = post(
                    catalog("/api/access/requests"),
                    asker,
                    Map.of("consumer", asker, "product", product, "purpose", "the questions of the field"));
            assertThat(request.status).as(request.body.toString()).isEqualTo(201);
            var approved = post(
                    catalog("/api/access/requests/" + request.body.path("id").asText() + "/approve"),
                    ProductId.parse(product).domain(),
                    Map.of());
            assertThat(approved.status).as(approved.body.toString()).isEqualTo(200);
        }
        int trino = Integer.parseInt(ports.get("TRINO_PORT"));
        var questions = TrinoQuestions.all();
        for (var question : questions) {
            var answer = query(asker, question.duckdb());
            assertThat(answer.status).as(question.file() + ": " + answer.body).isEqualTo(200);
            assertThat(answer.body.path("truncated").asBoolean())
                    .as(question.file())
                    .isFalse();
            var expected = TrinoQuestions.ofQueryService(answer.body);
            assertThat(expected).as(question.file()).isNotEmpty();
            // the catalog registers new snapshots every few seconds: the first question may find Trino behind
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(TrinoQuestions.throughTrino(trino, asker, question.trino()))
                            .as(question.file() + " through Trino")
                            .isEqualTo(expected));
        }
        // the time of all questions through each engine, asked once more now that both are warm
        long asked = System.nanoTime();
        for (var question : questions) {
            assertThat(query(asker, question.duckdb()).status).isEqualTo(200);
        }
        long queryService = Duration.ofNanos(System.nanoTime() - asked).toMillis();
        asked = System.nanoTime();
        for (var question : questions) {
            assertThat(TrinoQuestions.throughTrino(trino, asker, question.trino()))
                    .isNotEmpty();
        }
        long throughTrino = Duration.ofNanos(System.nanoTime() - asked).toMillis();
        step("the " + questions.size() + " questions answered alike; asked again: query service " + queryService
                + " ms, Trino " + throughTrino + " ms");
    }

    /** A product's rows counted through Trino as {@code identity}. */
    private static long trinoCount(String identity, String product) throws SQLException {
        var rows = TrinoQuestions.throughTrino(
                Integer.parseInt(ports.get("TRINO_PORT")), identity, "SELECT count(*) FROM " + product);
        return Long.parseLong(rows.get(0).get(0));
    }

    /** Why Trino refuses {@code sql} as {@code identity}; fails when Trino answers it. */
    private static String trinoRefusal(String identity, String sql) {
        try {
            TrinoQuestions.throughTrino(Integer.parseInt(ports.get("TRINO_PORT")), identity, sql);
        } catch (SQLException refused) {
            return refused.getMessage();
        }
        throw new AssertionError("Trino answered " + sql + " as " + identity + ", which it was not granted");
    }

    /** Counts a product's rows over Arrow Flight SQL, as a JDBC tool would, through the published port. */
    private static long flightSqlCount(String identity, String product) throws SQLException {
        try (var connection = DriverManager.getConnection(
                        "jdbc:arrow-flight-sql://localhost:" + ports.get("FLIGHT_SQL_PORT") + "?useEncryption=false",
                        identity,
                        password(identity));
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM " + product)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }

    private static URI catalog(String path) {
        return URI.create("http://localhost:" + ports.get("CATALOG_PORT") + path);
    }

    private static Answer query(String identity, String sql) throws Exception {
        return post(
                URI.create("http://localhost:" + ports.get("QUERY_PORT") + "/api/query"), identity, Map.of("sql", sql));
    }

    /** The test's secret of a client of the stack, given to compose as .env would. */
    private static String secret(String client) {
        return "compose-test-" + client + "-secret";
    }

    /** The test's password of a domain's member. */
    private static String password(String domain) {
        return "compose-test-" + domain + "-password";
    }

    /** A token of {@code who}'s client (a domain's, or the platform's) from the stack's issuer, the catalog. */
    private static String bearer(String who) {
        String client = who.equals("platform") ? who : who + "-client";
        return "Bearer " + new IssuerClient(catalog("/")).token(client, secret(client));
    }

    private static Answer post(URI uri, String identity, Map<String, String> body) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("Authorization", bearer(identity))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), read(response.body()));
    }

    private static Answer get(URI uri) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", bearer("platform"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), read(response.body()));
    }

    private record Answer(int status, JsonNode body) {}

    private static JsonNode read(String text) {
        try {
            return text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static List<String> ids(JsonNode products) {
        var ids = new ArrayList<String>();
        products.forEach(product -> ids.add(product.path("id").asText()));
        return ids.stream().sorted().toList();
    }

    private static List<String> dashboardsIn(MetabaseClient metabase, String domain) {
        var collections = metabase.collections();
        int root = collections.stream()
                .filter(collection -> collection.name().equals(MetabaseProvisioner.COLLECTION) && collection.topLevel())
                .findFirst()
                .orElseThrow()
                .numericId();
        int own = collections.stream()
                .filter(collection -> collection.name().equals(domain) && collection.inside(root))
                .findFirst()
                .orElseThrow()
                .numericId();
        return metabase.items(own).stream()
                .filter(item -> item.model().equals("dashboard"))
                .map(MetabaseApi.CollectionItem::name)
                .toList();
    }

    /**
     * The override: the fake Metabase in the project's image (its classes mounted read-only where this test runs
     * them), no restarts, and the JVMs of the project's image tuned to start rather than to run long
     * ({@link #QUICK_START}).
     */
    private static Path override(Path work) throws IOException {
        var classpath = new LinkedHashSet<String>();
        for (var entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classpath.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        var args = work.resolve("fake-metabase.args");
        Files.writeString(
                args,
                "-cp \"" + String.join(File.pathSeparator, classpath) + "\"\n" + FakeMetabaseServer.class.getName()
                        + " 3000\n");
        var mounts = new LinkedHashSet<String>();
        mounts.add(args.getParent().toString());
        for (var entry : classpath) {
            mounts.add(mountOf(Path.of(entry)));
        }
        var yaml = new StringBuilder("# Written by MeshStackIT: what cannot exist on a build machine.\nservices:\n");
        var quickStart = "    environment:\n      JDK_JAVA_OPTIONS: " + QUICK_START + "\n";
        var ownImage = new ArrayList<>(SERVICES);
        ownImage.removeAll(List.of("kafka", "metabase"));
        ownImage.addAll(TASK_MANAGERS);
        for (var service : ownImage) {
            yaml.append("  ").append(service).append(":\n    restart: \"no\"\n").append(quickStart);
        }
        yaml.append("  provision:\n").append(quickStart);
        yaml.append("  kafka:\n    restart: \"no\"\n");
        yaml.append("  ").append(TRINO).append(":\n    restart: \"no\"\n");
        yaml.append("  metabase:\n    image: ${MESH_SHOP_IMAGE}\n    restart: \"no\"\n")
                .append(quickStart);
        // the stand-in runs from this build's class path, mounted read-only, which may be readable by the build's
        // user only (a home folder's Maven repository); the image's own user is not that user
        yaml.append("    user: \"0\"\n");
        yaml.append("    entrypoint: [\"java\", \"@").append(args).append("\"]\n");
        yaml.append("    volumes:\n");
        for (var mount : mounts) {
            yaml.append("      - \"").append(mount).append(':').append(mount).append(":ro\"\n");
        }
        var file = work.resolve("docker-compose.override.yml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    /** What to mount for a class path entry: a jar's folder under the local Maven repository, or the entry. */
    private static String mountOf(Path entry) {
        var repository = Path.of(System.getProperty("user.home"), ".m2", "repository");
        if (entry.startsWith(repository)) {
            return repository.toString();
        }
        return Files.isDirectory(entry) ? entry.toString() : entry.getParent().toString();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long since(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toSeconds();
    }

    private static void step(String message) {
        System.out.println("[compose test] " + message);
    }
}
