package dev.meshshop.apps.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.metabase.DashboardDefinition;
import dev.meshshop.platform.metabase.DashboardDefinitions;
import dev.meshshop.platform.metabase.FakeMetabase;
import dev.meshshop.platform.metabase.MeshDatabase;
import dev.meshshop.platform.metabase.MetabaseProvisioner;
import dev.meshshop.platform.operational.OperationalDatabases;
import dev.meshshop.platform.query.FlightSqlServer;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

/**
 * The stack of docker-compose.yml in one JVM, the twin of {@link MeshStackIT}: an embedded KRaft broker for the
 * Kafka container, the application in its roles for the domains, the catalog, the query service and the
 * provisioning one-shot, and a fake Metabase that answers as the pinned version's API documents. The one-shot
 * fills the mesh, waits for every product and provisions every domain's dashboards; then the catalog lists every
 * product, the query service answers a cross-domain query over HTTP and Flight SQL and refuses an ungranted one, and every question of
 * every dashboard runs, as Metabase would run it, over the views of the database it was given. A second run of
 * the one-shot sends no event and creates nothing.
 */
@EmbeddedKafka(kraft = true)
@ExtendWith(OutputCaptureExtension.class)
class MeshStackTests {

    static final double SCALE = 0.01;
    static final String SALT = "mesh-stack-tests-salt";

    @TempDir
    Path dataDir;

    @Test
    void productsAppearInTheCatalogAndEveryDomainsDashboardsInMetabase(
            EmbeddedKafkaBroker broker, CapturedOutput output) throws Exception {
        String kafka = "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString();
        String data = "--mesh.data-dir=" + dataDir;
        // compose's postgres service: one server, which provision's simulated systems write to and the domains'
        // process captures from
        try (var postgres = OperationalDatabases.embedded(dataDir.resolve("postgres-service"));
                var domains = run(
                        MeshNode.Role.DOMAINS,
                        kafka,
                        data,
                        "--server.port=0",
                        "--mesh.refresh-interval=1s",
                        "--mesh.personal-data-salt=" + SALT,
                        "--mesh.operational.mode=external",
                        "--mesh.operational.port=" + postgres.server().port());
                var catalog = run(MeshNode.Role.CATALOG, data, "--server.port=0");
                var query = run(MeshNode.Role.QUERY, data, "--server.port=0", "--mesh.query.flight.port=0");
                var metabase = FakeMetabase.fresh()) {
            var provision = new String[] {
                kafka,
                data,
                "--mesh.provision.scale=" + SCALE,
                "--mesh.operational.mode=external",
                "--mesh.operational.port=" + postgres.server().port(),
                "--mesh.provision.metabase.url=" + metabase.url(),
                "--mesh.provision.metabase.admin-email=" + FakeMetabase.ADMIN_EMAIL,
                "--mesh.provision.metabase.admin-password=" + FakeMetabase.ADMIN_PASSWORD
            };

            assertThat(SpringApplication.exit(run(MeshNode.Role.PROVISION, provision)))
                    .isZero();
            // the domains keep refreshing; stopped, they leave the published ports as they are
            domains.close();

            // payment's provider delivered a settlement file for every day through the shared data directory (compose:
            // the shared volume), and payment's process took each of them from its inbox
            var readOnly = new java.util.Properties();
            readOnly.setProperty("duckdb.read_only", "true");
            try (var area = DriverManager.getConnection(
                            "jdbc:duckdb:" + dataDir.resolve("domains/payment/payment.duckdb"), readOnly);
                    var statement = area.createStatement();
                    var files = statement.executeQuery("SELECT count(DISTINCT business_day) FILTER (WHERE outcome ="
                            + " 'loaded'), count(*) FILTER (WHERE outcome = 'refused') FROM raw.files")) {
                assertThat(files.next()).isTrue();
                assertThat(files.getLong(1))
                        .as("days with a settlement file loaded")
                        .isEqualTo(365);
                assertThat(files.getLong(2)).as("the file in another format").isOne();
            }
            try (var waiting = java.nio.file.Files.list(dataDir.resolve("inbox/payment/settlements"))) {
                assertThat(waiting.filter(java.nio.file.Files::isRegularFile))
                        .as("files left in the inbox")
                        .isEmpty();
            }

            var expected = DomainsOnClasspath.products().stream()
                    .map(ProductId::toString)
                    .toList();
            assertThat(catalogIds(catalog)).containsExactlyInAnyOrderElementsOf(expected);
            var dashboards = DashboardDefinitions.onClasspath(getClass().getClassLoader());
            assertThat(dashboards)
                    .extracting(DashboardDefinition::domain)
                    .contains("checkout", "fulfillment", "customer360");
            for (var domain : dashboards.stream()
                    .map(DashboardDefinition::domain)
                    .distinct()
                    .toList()) {
                assertThat(metabase.dashboardsIn(MetabaseProvisioner.COLLECTION, domain))
                        .containsExactlyInAnyOrderElementsOf(dashboards.stream()
                                .filter(dashboard -> dashboard.domain().equals(domain))
                                .map(DashboardDefinition::name)
                                .toList());
            }
            var database = MeshDatabase.over(new MeshDirectory(new MeshLayout(dataDir)), dataDir);
            assertThat(database.views()).containsExactlyInAnyOrderElementsOf(expected);
            for (var dashboard : dashboards) {
                for (var question : dashboard.questions()) {
                    assertThat(rows(database, metabase.sqlOf(question.name())))
                            .as("rows of '%s' on '%s'", question.name(), dashboard.name())
                            .isPositive();
                }
            }

            // the query service answers a cross-domain query of a granted product, and refuses an ungranted one
            // tokens come from the catalog's process, the stack's issuer; the query service only validates them
            var tokens = tokens(catalog);
            var shipments = query(
                    query,
                    tokens.bearer("fulfillment"),
                    "SELECT s.shipping_option, count(*) AS shipments FROM checkout.orders o"
                            + " JOIN fulfillment.shipments s USING (order_id) GROUP BY ALL");
            assertThat(shipments.getStatusCode().value()).isEqualTo(200);
            assertThat((List<?>) shipments.getBody().get("rows")).isNotEmpty();
            // the entities of the operational databases reached the mesh: checkout's customer accounts through its
            // outbox, the ERP's articles through change data capture
            for (var entities : List.of(
                    List.of("checkout", "checkout.customers", "checkout.customer_history"),
                    List.of("fulfillment", "fulfillment.articles", "fulfillment.article_history"))) {
                var answer = query(
                        query,
                        tokens.bearer(entities.get(0)),
                        "SELECT (SELECT count(*) FROM " + entities.get(1) + ") AS latest, (SELECT count(*) FROM "
                                + entities.get(2) + ") AS states");
                assertThat(answer.getStatusCode().value()).isEqualTo(200);
                var counts = (List<?>) ((List<?>) answer.getBody().get("rows")).get(0);
                assertThat(((Number) counts.get(0)).longValue())
                        .as(entities.get(1))
                        .isPositive();
                assertThat(((Number) counts.get(1)).longValue())
                        .as(entities.get(2))
                        .isGreaterThan(((Number) counts.get(0)).longValue());
            }
            var refused = query(query, tokens.bearer("fulfillment"), "SELECT count(*) FROM payment.payments");
            assertThat(refused.getStatusCode().value()).isEqualTo(403);
            assertThat((String) refused.getBody().get("detail")).contains("payment.payments");
            int flight = query.getBean(FlightSqlServer.class).port();
            try (var connection = DriverManager.getConnection(
                            "jdbc:arrow-flight-sql://localhost:" + flight + "?useEncryption=false",
                            "fulfillment",
                            query.getBean(MeshIdentities.class).password("fulfillment"));
                    var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM checkout.orders")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isPositive();
            }

            var events = eventsIn(broker);
            metabase.resetJournal();

            assertThat(SpringApplication.exit(run(MeshNode.Role.PROVISION, provision)))
                    .isZero();

            assertThat(eventsIn(broker)).isEqualTo(events);
            assertThat(metabase.creations()).isEmpty();

            // a stack without Metabase (docker compose up provision): provisioning succeeds and says so
            var withoutMetabase = new String[] {
                kafka,
                data,
                "--mesh.provision.scale=" + SCALE,
                "--mesh.operational.mode=external",
                "--mesh.operational.port=" + postgres.server().port(),
                "--mesh.provision.metabase.url=http://metabase.invalid:3000"
            };
            assertThat(SpringApplication.exit(run(MeshNode.Role.PROVISION, withoutMetabase)))
                    .isZero();
            assertThat(output.getOut()).contains("No Metabase at http://metabase.invalid:3000", "dashboards skipped");
        }
    }

    private static ConfigurableApplicationContext run(MeshNode.Role role, String... args) {
        return role.application().run(args);
    }

    private static List<String> catalogIds(ConfigurableApplicationContext catalog) {
        int port = ((WebServerApplicationContext) catalog).getWebServer().getPort();
        var products = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/api/products")
                .header("Authorization", tokens(catalog).bearer(MeshIdentities.PLATFORM))
                .retrieve()
                .body(Map[].class);
        var ids = new ArrayList<String>();
        for (var product : products) {
            ids.add((String) product.get("id"));
        }
        return ids;
    }

    /** Tokens of the issuer in the catalog's process. */
    private static Tokens tokens(ConfigurableApplicationContext catalog) {
        int port = ((WebServerApplicationContext) catalog).getWebServer().getPort();
        return new Tokens(port, catalog.getBean(MeshIdentities.class));
    }

    /** Sends SQL to the query service of the role {@code query} with {@code bearer}; errors are answers too. */
    @SuppressWarnings("rawtypes")
    private static ResponseEntity<Map> query(ConfigurableApplicationContext query, String bearer, String sql) {
        int port = ((WebServerApplicationContext) query).getWebServer().getPort();
        return RestClient.create("http://localhost:" + port)
                .post()
                .uri("/api/query")
                .header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sql", sql))
                .exchange((request, response) ->
                        ResponseEntity.status(response.getStatusCode()).body(response.bodyTo(Map.class)));
    }

    /** Runs a question's SQL as the Metabase DuckDB driver does: a new in-memory DuckDB, the init SQL, the query. */
    private static long rows(MeshDatabase database, String sql) throws SQLException {
        try (var duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            try (var init = duckdb.createStatement()) {
                init.execute(database.initSql());
            }
            try (var query = duckdb.createStatement();
                    var result = query.executeQuery(sql)) {
                long rows = 0;
                while (result.next()) {
                    rows++;
                }
                return rows;
            }
        }
    }

    /** Every record the broker holds, per partition. */
    private static Map<TopicPartition, Long> eventsIn(EmbeddedKafkaBroker broker) throws Exception {
        try (var admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            var topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var latest = new HashMap<TopicPartition, OffsetSpec>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .values()
                    .forEach(topic -> topic.partitions()
                            .forEach(partition -> latest.put(
                                    new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            var offsets = new HashMap<TopicPartition, Long>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> offsets.put(partition, info.offset()));
            assertThat(offsets.values().stream().mapToLong(Long::longValue).sum())
                    .isPositive();
            return offsets;
        }
    }
}
