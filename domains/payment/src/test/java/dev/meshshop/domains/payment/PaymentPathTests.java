package dev.meshshop.domains.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.domains.payment.simulator.PaymentApp;
import dev.meshshop.domains.payment.simulator.PaymentSimulator;
import dev.meshshop.domains.payment.simulator.PaymentTruth;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.Refund;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.Simulations;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.StandInProducts;
import java.math.BigDecimal;
import java.nio.file.Files;
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
import java.util.function.Predicate;
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
 * Payment's path, end to end and in one JVM: payment's simulated system sends the shop's payments with planted
 * faults to a real Kafka broker; the platform ingests, cleans (direct runner), models and publishes
 * payment.payments, reconciled with a stand-in of checkout.orders that this test publishes from the same year.
 * The published product must equal the shop's payments, the amounts the buggy app sent in cents repaired, and
 * every planted fault must be repaired or sit in quarantine with its reason, exactly as often as it was planted.
 */
@SpringBootTest(
        classes = PaymentPathTests.MeshApplication.class,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s",
            "mesh.as-of=2026-01-01T00:00:00Z"
        })
@EmbeddedKafka(kraft = true)
class PaymentPathTests {

    static final long SEED = 20251231;
    static final double SCALE = 0.02; // about 1,900 orders: small enough for the direct runner
    static final Faults FAULTY = new Faults(0.01, 0.02);

    /** The mesh judges the simulated year's data as of its end. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    @TempDir
    static Path dataDir;

    static final ShopYear year = SimulatedShop.year(SEED, SCALE);
    /** The orders whose payment was authorized within the year: the rows payment.payments must have. */
    static final List<Order> paid = year.orders().stream()
            .filter(order -> ShopCalendar.inYear(order.payment().authorizedAt()))
            .toList();
    /** An order checkout does not publish (as if it were quarantined there): its payment cannot be reconciled. */
    static final Order unknownToCheckout = paid.get(0);

    static PaymentTruth truth;
    static CleaningReport cleaning;

    @Autowired
    MeshRuntime mesh;

    @Autowired
    MeshDirectory directory;

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
        var simulator = new PaymentSimulator(year, FAULTY);
        var sent = simulations.send(PaymentDomain.NAME, simulator, count -> {});
        truth = simulator.truth();
        assertThat(sent.records()).isEqualTo(truth.delivery().records());
        // the faults this test is about must be planted at all
        assertThat(truth.delivery().duplicates()).isPositive();
        assertThat(truth.delivery().notJson()).isPositive();
        assertThat(truth.delivery().noEventId()).isPositive();
        assertThat(truth.delivery().unknownType()).isPositive();
        assertThat(truth.amountsInCents()).isPositive();

        publishCheckoutOrders(layout);
        var payment = mesh.domain(PaymentDomain.NAME);
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> payment.ingestRemaining(admin) == 0);
        }
        cleaning = payment.refresh().cleaning();
    }

    /** Checkout's orders as payment reads them, from the same year, less one order checkout does not publish. */
    static void publishCheckoutOrders(MeshLayout layout) {
        StandInProducts.publish(layout, "stand-ins/checkout/orders", connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE OR REPLACE TABLE model.orders"
                        + " (order_id VARCHAR, total DECIMAL(18,2), shipping_fee DECIMAL(18,2))");
            }
            try (var insert = connection.prepareStatement("INSERT INTO model.orders VALUES (?, ?, ?)")) {
                for (Order order : year.orders()) {
                    if (order != unknownToCheckout) {
                        insert.setString(1, order.id());
                        insert.setBigDecimal(2, order.total());
                        insert.setBigDecimal(3, order.shippingFee());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Test
    void publishedPaymentsAreTheShopsPaymentsWithTheAmountsInCentsRepaired() throws SQLException {
        var payments = latest();
        String parquet = "read_parquet('" + payments.dataFile() + "')";

        assertThat(payments.snapshot().rowCount()).isEqualTo(paid.size());
        assertThat(queryLong("SELECT count(DISTINCT order_id) FROM " + parquet)).isEqualTo(paid.size());
        assertThat(queryDecimal("SELECT sum(amount) FROM " + parquet))
                .isEqualByComparingTo(sum(paid, order -> order.payment().amount()));
        assertThat(queryDecimal("SELECT sum(amount) FROM " + parquet + " WHERE authorized_at >= '"
                        + PaymentApp.BUGGY_FROM + "' AND authorized_at < '" + PaymentApp.BUGGY_UNTIL + "'"))
                .isEqualByComparingTo(sum(
                        paid.stream()
                                .filter(order ->
                                        PaymentApp.sentInCents(order.payment().authorizedAt()))
                                .toList(),
                        order -> order.payment().amount()));
        assertThat(queryDecimal("SELECT sum(refunded_amount) FROM " + parquet))
                .isEqualByComparingTo(sum(paid, PaymentPathTests::refunded));
        assertThat(queryLong("SELECT sum(failed_attempts) FROM " + parquet))
                .isEqualTo(count(order -> order.payment().failedAt().isPresent()));
        for (String status : List.of("authorized", "refunded", "partially_refunded")) {
            assertThat(queryLong("SELECT count(*) FROM " + parquet + " WHERE status = '" + status + "'"))
                    .as(status)
                    .isEqualTo(count(order -> status(order).equals(status)))
                    .isPositive();
        }

        // every charge matches its order, once the amounts in cents are repaired; one order checkout lacks
        assertThat(queryLong("SELECT count(*) FROM " + parquet + " WHERE amount_matches_order"))
                .isEqualTo(paid.size() - 1);
        assertThat(queryRow("SELECT order_amount, amount_matches_order FROM " + parquet + " WHERE order_id = '"
                        + unknownToCheckout.id() + "'"))
                .isEqualTo(Arrays.asList(null, false));

        // one payment of each kind, every column: in cents; refunded in full; partially refunded; after a failure
        for (Predicate<Order> kind : List.<Predicate<Order>>of(
                order -> PaymentApp.sentInCents(order.payment().authorizedAt()),
                order -> status(order).equals("refunded"),
                order -> status(order).equals("partially_refunded"),
                order -> order.payment().failedAt().isPresent())) {
            var order = paid.stream()
                    .filter(kind.and(candidate -> candidate != unknownToCheckout))
                    .findFirst()
                    .orElseThrow();
            var payment = order.payment();
            assertThat(queryRow(
                            """
                            SELECT payment_id, method, status, amount, currency, failed_attempts, refunded_amount,
                                   epoch_ms(authorized_at), order_amount, amount_matches_order
                            FROM %s WHERE order_id = '%s'"""
                                    .formatted(parquet, order.id())))
                    .isEqualTo(Arrays.asList(
                            payment.id(),
                            payment.method(),
                            status(order),
                            payment.amount(),
                            "EUR",
                            payment.failedAt().isPresent() ? 1 : 0,
                            refunded(order),
                            payment.authorizedAt().toEpochMilli(),
                            order.amountCharged(),
                            true));
        }
    }

    @Test
    void paymentsFulfilTheirContractAndTheMeshsPolicies() throws Exception {
        var payments = latest();
        assertThat(Files.readString(payments.snapshotDir().resolve("_audits.json")))
                .contains("\"gate\":\"contract\"")
                .contains("\"blocks\":false");
        var contract = ContractAssertions.assertValidContract(
                Path.of("src/main/resources/mesh/payment/products/payments/payments.odcs.yaml"));
        assertThat(ContractTester.create()
                        .withClock(AS_OF)
                        .testParquet(payments.dataFile().toString(), contract)
                        .failures())
                .isEmpty();
        assertThat(payments.audits())
                .filteredOn(audit -> audit.gate().equals("governance"))
                .singleElement()
                .satisfies(audit -> assertThat(audit.blocks()).isFalse())
                .satisfies(audit -> assertThat(audit.reportJson())
                        .contains("\"id\":\"no-personal-data-in-clear\",")
                        .doesNotContain("\"status\":\"failed\""));
    }

    @Test
    void everyPlantedFaultIsRepairedOrQuarantinedWithItsReasonAndNothingVanished() {
        var area = mesh.domain(PaymentDomain.NAME).area();
        var delivery = truth.delivery();
        assertThat(area.quarantinedByRule())
                .isEqualTo(Map.of(
                        "ingest/not-json", delivery.notJson(),
                        "ingest/no-event-id", delivery.noEventId(),
                        "ingest/unknown-type", delivery.unknownType(),
                        "clean/duplicate", delivery.duplicates()));
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE reason = '' OR original IS NULL"))
                .isZero();

        // the amounts in cents were repaired and the payer's personal data dropped, without setting anything aside
        assertThat(cleaning.changed())
                .isEqualTo(Map.of(
                        "repaired/amount-in-cents", truth.amountsInCents(),
                        "masked/PaymentAuthorized /payer/name dropped", truth.authorizations(),
                        "masked/PaymentAuthorized /payer/iban dropped", truth.payerIbans()));

        long quarantinedAtIngest = area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'ingest'");
        assertThat(cleaning.balanced()).isTrue();
        assertThat(cleaning.input() + quarantinedAtIngest).isEqualTo(delivery.records());
        assertThat(cleaning.cleanRows())
                .isEqualTo(Map.of(
                        "payment_authorized", truth.authorizations(),
                        "payment_failed", truth.failures(),
                        "payment_refunded", truth.refunds()));
    }

    /** What was refunded of an order's payment within the year. */
    private static BigDecimal refunded(Order order) {
        return order.payment().refunds().stream()
                .filter(refund -> ShopCalendar.inYear(refund.at()))
                .map(Refund::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static String status(Order order) {
        int refunded = refunded(order).compareTo(BigDecimal.ZERO);
        if (refunded == 0) {
            return "authorized";
        }
        return refunded(order).compareTo(order.payment().amount()) >= 0 ? "refunded" : "partially_refunded";
    }

    private PublishedPort latest() {
        return directory.latest(ProductId.parse("payment.payments")).orElseThrow();
    }

    private static long count(Predicate<Order> filter) {
        return paid.stream().filter(filter).count();
    }

    private static BigDecimal sum(List<Order> orders, java.util.function.Function<Order, BigDecimal> amount) {
        return orders.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long queryLong(String sql) throws SQLException {
        return ((Number) queryRow(sql).get(0)).longValue();
    }

    private static BigDecimal queryDecimal(String sql) throws SQLException {
        return (BigDecimal) queryRow(sql).get(0);
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
