package dev.meshshop.domains.{{domain}};

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshshop.domains.{{domain}}.simulator.{{Domain}}Simulator;
import dev.meshshop.domains.{{domain}}.simulator.{{Domain}}Truth;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.Simulations;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.MeshViews;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
{{#reads}}
import dev.meshshop.platform.storage.StandInProducts;
{{/reads}}
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The path of {{domain}}, end to end in one JVM: its simulated system sends the shop's year with planted faults
 * to a real Kafka broker; the platform ingests, cleans (Beam's direct runner), models and publishes
 * {{domain}}.activities. The product must hold exactly what was sent, every planted fault must sit in quarantine
 * with its reason, the publish gates (contract, governance) must pass, and the dashboards must run on the data.
 */
@SpringBootTest(
        classes = {{Domain}}PathTests.MeshApplication.class,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s",
            "mesh.as-of=2026-01-01T00:00:00Z"
        })
@EmbeddedKafka(kraft = true)
class {{Domain}}PathTests {

    static final long SEED = 20251231;
    static final double SCALE = 0.02; // about 1,900 orders: small enough for the direct runner
    static final Faults FAULTY = new Faults(0.01, 0.02);

    /** The mesh judges the simulated year's data as of its end. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    @TempDir
    static Path dataDir;

    static final ShopYear year = SimulatedShop.year(SEED, SCALE);
{{#reads}}
    /** An order that {{readsProduct}} does not have, so its activity is not found there. */
    static final Order unknownThere = year.orders().get(0);

    /** The stand-in of {{readsProduct}}: its descriptor and the contract of what this domain reads. */
    static final String STAND_IN = "stand-ins/{{readsDomain}}/{{readsName}}";
{{/reads}}

    static {{Domain}}Truth truth;
    static CleaningReport cleaning;

    @Autowired
    MeshRuntime mesh;

    @Autowired
    MeshLayout layout;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MeshApplication {}

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void sendTheYearAndRefresh(
            @Autowired Simulations simulations,
            @Autowired MeshRuntime mesh,
            @Autowired KafkaAdmin kafkaAdmin,
            @Autowired MeshLayout layout) {
        var simulator = new {{Domain}}Simulator(year, FAULTY);
        simulations.send({{Domain}}Domain.NAME, simulator, count -> {});
        truth = simulator.truth();
        // the faults this test is about must be planted at all
        assertThat(truth.delivery().duplicates()).isPositive();
        assertThat(truth.delivery().malformed()).isPositive();
{{#reads}}
        publishStandIn(layout);
{{/reads}}

        var domain = mesh.domain({{Domain}}Domain.NAME);
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> domain.ingestRemaining(admin) == 0);
        }
        cleaning = domain.refresh().cleaning();
    }
{{#reads}}

    /** {{readsProduct}} as this domain reads it, from the same year, less one order. */
    static void publishStandIn(MeshLayout layout) {
        StandInProducts.publish(layout, STAND_IN, connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE OR REPLACE TABLE model.{{readsName}} (order_id VARCHAR)");
            }
            try (var insert = connection.prepareStatement("INSERT INTO model.{{readsName}} VALUES (?)")) {
                for (Order order : year.orders()) {
                    if (order != unknownThere) {
                        insert.setString(1, order.id());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }
{{/reads}}

    @Test
    void thePublishedProductHoldsOneRowPerActivitySent() throws SQLException {
        var activities = published();
        String parquet = "read_parquet('" + activities.dataFile() + "')";

        assertThat(activities.snapshot().rowCount()).isEqualTo(truth.activities());
        assertThat(truth.activities()).isEqualTo(year.orders().size());
        assertThat((BigDecimal) queryRow("SELECT sum(amount) FROM " + parquet).get(0))
                .isEqualByComparingTo(
                        year.orders().stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add));

        var order = year.orders().get(year.orders().size() - 1);
        assertThat(queryRow("SELECT activity_id, customer_id, amount, epoch_ms(recorded_at) FROM " + parquet
                        + " WHERE order_id = '" + order.id() + "'"))
                .isEqualTo(Arrays.asList(
                        "act-" + order.id(),
                        order.customerId(),
                        order.total(),
                        order.purchasedAt().toEpochMilli()));
{{#reads}}

        // every activity's order is found in {{readsProduct}}, but the one it does not have
        assertThat(queryRow("SELECT count(*), min(order_id) FROM " + parquet + " WHERE NOT {{readsColumn}}"))
                .isEqualTo(Arrays.asList(1L, unknownThere.id()));
{{/reads}}
    }

    @Test
    void everyPlantedFaultIsQuarantinedWithItsReasonAndNothingVanished() {
        var area = mesh.domain({{Domain}}Domain.NAME).area();
        var delivery = truth.delivery();
        assertThat(area.quarantinedByRule())
                .isEqualTo(Map.of(
                        "ingest/not-json", delivery.notJson(),
                        "ingest/no-event-id", delivery.noEventId(),
                        "ingest/unknown-type", delivery.unknownType(),
                        "clean/duplicate", delivery.duplicates()));
        // the customer's e-mail address was dropped from every activity, without setting anything aside
        assertThat(cleaning.changed())
                .isEqualTo(Map.of("masked/ActivityRecorded /customerEmail dropped", truth.activities()));

        long quarantinedAtIngest = area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'ingest'");
        assertThat(cleaning.balanced()).isTrue();
        assertThat(cleaning.input() + quarantinedAtIngest).isEqualTo(delivery.records());
        assertThat(cleaning.cleanRows()).isEqualTo(Map.of("activity_recorded", truth.activities()));
    }

    @Test
    void thePublishGatesPassedTheProductAndItFulfilsItsContract() throws SQLException {
        var activities = published();
        assertThat(activities.audits())
                .extracting(audit -> audit.gate() + " blocks=" + audit.blocks())
                .containsExactlyInAnyOrder("contract blocks=false", "governance blocks=false");
        var contract = ContractAssertions.assertValidContract(
                Path.of("src/main/resources/mesh/{{domain}}/products/activities/activities.odcs.yaml"));
        assertThat(ContractTester.create()
                        .withClock(AS_OF)
                        .testParquet(activities.dataFile().toString(), contract)
                        .failures())
                .isEmpty();
    }

    @Test
    void everyQuestionOfTheDashboardsAnswersFromThePublishedProducts() throws Exception {
        var dashboards =
                new PathMatchingResourcePatternResolver().getResources("classpath*:mesh/{{domain}}/dashboards/*.yaml");
        assertThat(dashboards).isNotEmpty();
        var questions = new ArrayList<JsonNode>();
        for (var dashboard : dashboards) {
            new ObjectMapper(new YAMLFactory())
                    .readTree(dashboard.getInputStream())
                    .path("questions")
                    .forEach(questions::add);
        }
        try (var connection = DriverManager.getConnection("jdbc:duckdb:")) {
            MeshViews.create(connection, new MeshDirectory(layout), product -> true);
            for (JsonNode question : questions) {
                String sql = question.path("sql").asText();
                try (var result = connection.createStatement().executeQuery(sql)) {
                    assertThat(result.next()).as(question.path("name").asText()).isTrue();
                }
            }
        }
    }

    private PublishedPort published() {
        return new MeshDirectory(layout)
                .latest(ProductId.parse("{{domain}}.activities"))
                .orElseThrow();
    }

    /** Reads a published product the way any consumer would: DuckDB over the Parquet file, no area involved. */
    private static List<Object> queryRow(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var result = connection.createStatement().executeQuery(sql)) {
            assertThat(result.next()).as("a row from " + sql).isTrue();
            var row = new ArrayList<Object>();
            for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                row.add(result.getObject(column));
            }
            return row;
        }
    }
}
