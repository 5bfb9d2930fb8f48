package dev.meshshop.domains.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.domains.checkout.simulator.CheckoutSimulator;
import dev.meshshop.domains.checkout.simulator.CheckoutTruth;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.Simulations;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.ProductId;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The walking skeleton, end to end and in one JVM: checkout's simulated system sends events with planted
 * faults to a real Kafka broker; the platform ingests them into checkout's DuckDB area, cleans them with Beam
 * (direct runner), models them with SQL and publishes checkout.orders as Parquet. The published product must
 * equal what the simulator knows it sent, and every planted fault must sit in quarantine with its reason.
 */
@SpringBootTest(
        classes = CheckoutPathTests.MeshApplication.class,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s"
        })
@EmbeddedKafka(kraft = true)
class CheckoutPathTests {

    static final long SEED = 20261121;
    static final double SCALE = 0.0003; // about 285 orders: small enough for the direct runner
    static final CheckoutSimulator.Faults FAULTY = new CheckoutSimulator.Faults(0.05, 0.03, 0.01);

    @TempDir
    static Path dataDir;

    static CheckoutTruth truth;

    @Autowired
    MeshRuntime mesh;

    @Autowired
    Simulations simulations;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    MeshDirectory directory;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MeshApplication {

        @org.springframework.context.annotation.Bean
        MeshDirectory meshDirectory(dev.meshshop.platform.storage.MeshLayout layout) {
            return new MeshDirectory(layout);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void knowTheTruth() {
        truth = new CheckoutSimulator(SEED, SCALE, FAULTY).truth();
        // the faults this test is about must be planted at all
        assertThat(truth.duplicates()).isPositive();
        assertThat(truth.notJson()).isPositive();
        assertThat(truth.noEventId()).isPositive();
        assertThat(truth.unknownType()).isPositive();
        assertThat(truth.invalidTotal()).isPositive();
        assertThat(truth.cancelled()).isPositive();
    }

    @Test
    void publishedOrdersEqualTheSimulatorsTruthAndEveryFaultIsQuarantinedWithItsReason() throws Exception {
        var sent = simulations.send(
                CheckoutDomain.NAME, new CheckoutSimulator(SEED, SCALE, FAULTY).records(), count -> {});
        assertThat(sent.records()).isEqualTo(truth.records());

        var checkout = mesh.domain(CheckoutDomain.NAME);
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> checkout.ingestRemaining(admin) == 0);
        }
        var report = checkout.refresh();

        // the output port holds exactly the orders the simulator knows are valid
        var orders = directory.latest(ProductId.parse("checkout.orders")).orElseThrow();
        String parquet = "read_parquet('" + orders.dataFile() + "')";
        assertThat(orders.snapshot().rowCount()).isEqualTo(truth.orders());
        assertThat(query("SELECT count(DISTINCT order_id) FROM " + parquet)).isEqualTo(truth.orders());
        assertThat(new BigDecimal(queryText("SELECT sum(total)::VARCHAR FROM " + parquet)))
                .isEqualByComparingTo(truth.revenue());
        assertThat(query("SELECT count(*) FROM " + parquet + " WHERE status = 'cancelled'"))
                .isEqualTo(truth.cancelled());

        // the product fulfils its contract: the publish gate tested it, and a consumer can test it too
        assertThat(java.nio.file.Files.readString(orders.snapshotDir().resolve("_audits.json")))
                .contains("\"gate\":\"contract\"")
                .contains("\"blocks\":false");
        // and it complies with the mesh's policies, its published data scanned for personal data in clear
        assertThat(orders.audits())
                .filteredOn(audit -> audit.gate().equals("governance"))
                .singleElement()
                .satisfies(audit -> assertThat(audit.blocks()).isFalse())
                .satisfies(audit -> assertThat(audit.reportJson())
                        .contains("\"id\":\"no-personal-data-in-clear\",")
                        .doesNotContain("\"status\":\"failed\""));
        ContractAssertions.assertParquetFulfilsContract(
                orders.dataFile().toString(),
                Path.of("src/main/resources/mesh/checkout/products/orders/orders.odcs.yaml"));

        // every planted fault is in quarantine, with its rule and reason, and nothing else is
        var area = checkout.area();
        assertThat(quarantinedByRule(area))
                .isEqualTo(Map.of(
                        "ingest/not-json", truth.notJson(),
                        "ingest/no-event-id", truth.noEventId(),
                        "ingest/unknown-type", truth.unknownType(),
                        "clean/duplicate", truth.duplicates(),
                        "clean/invalid-field", truth.invalidTotal()));
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE reason = '' OR original IS NULL"))
                .isZero();
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE rule = 'invalid-field'"
                        + " AND reason LIKE 'OrderPurchased field /total must be a number, found \"%'"))
                .isEqualTo(truth.invalidTotal());

        // nothing vanished: every record Kafka delivered is a clean row or in quarantine
        long quarantinedAtIngest = area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'ingest'");
        assertThat(report.cleaning().balanced()).isTrue();
        assertThat(report.cleaning().input() + quarantinedAtIngest).isEqualTo(truth.records());
    }

    private static Map<String, Long> quarantinedByRule(dev.meshshop.platform.storage.DomainArea area) {
        return area.withConnection(connection -> {
            var counts = new HashMap<String, Long>();
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT stage || '/' || rule, count(*) FROM quarantine.records GROUP BY ALL")) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
            return counts;
        });
    }

    private static long query(String sql) throws SQLException {
        return Long.parseLong(queryText(sql));
    }

    /** Reads a published product the way any consumer would: DuckDB over the Parquet file, no area involved. */
    private static String queryText(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
