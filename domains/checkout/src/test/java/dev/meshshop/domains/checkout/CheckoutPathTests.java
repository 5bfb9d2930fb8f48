package dev.meshshop.domains.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.simulator.CheckoutSimulator;
import dev.meshshop.domains.checkout.simulator.CheckoutTruth;
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
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Checkout's path, end to end and in one JVM: checkout's simulated system sends the shop's orders with planted
 * faults to a real Kafka broker; the platform ingests them into checkout's DuckDB area, cleans them with Beam
 * (direct runner), models them with SQL and publishes checkout.orders and checkout.order_items as Parquet. The
 * published products must equal the shop's year less what the simulator knows it broke, and every planted
 * fault must be repaired or sit in quarantine with its reason, exactly as often as it was planted.
 */
@SpringBootTest(
        classes = CheckoutPathTests.MeshApplication.class,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s",
            "mesh.as-of=2026-01-01T00:00:00Z",
            "mesh.personal-data-salt=" + CheckoutPathTests.SALT
        })
@EmbeddedKafka(kraft = true)
class CheckoutPathTests {

    static final long SEED = 20251231;
    static final double SCALE = 0.02; // about 1,900 orders: small enough for the direct runner
    static final Faults FAULTY = new Faults(0.01, 0.02);
    static final double INVALID_TOTALS = 0.02;
    static final String SALT = "checkout-path-tests-salt";

    /** The mesh judges the simulated year's data as of its end. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    @TempDir
    static Path dataDir;

    static final ShopYear year = SimulatedShop.year(SEED, SCALE);
    static CheckoutTruth truth;
    static CleaningReport cleaning;
    static List<Order> published;

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
            @Autowired Simulations simulations, @Autowired MeshRuntime mesh, @Autowired KafkaAdmin kafkaAdmin) {
        var simulator = new CheckoutSimulator(year, FAULTY, INVALID_TOTALS);
        var sent = simulations.send(CheckoutDomain.NAME, simulator, count -> {});
        truth = simulator.truth();
        assertThat(sent.records()).isEqualTo(truth.delivery().records());
        // the faults this test is about must be planted at all
        assertThat(truth.delivery().duplicates()).isPositive();
        assertThat(truth.delivery().notJson()).isPositive();
        assertThat(truth.delivery().noEventId()).isPositive();
        assertThat(truth.delivery().unknownType()).isPositive();
        assertThat(truth.invalidTotals()).isPositive();
        assertThat(truth.purchasesV1()).isPositive().isLessThan(truth.purchases());

        var checkout = mesh.domain(CheckoutDomain.NAME);
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> checkout.ingestRemaining(admin) == 0);
        }
        cleaning = checkout.refresh().cleaning();
        published = year.orders().stream().filter(truth::valid).toList();
    }

    @Test
    void publishedOrdersAreTheShopsOrdersLessThoseWithAnInvalidTotal() throws SQLException {
        var orders = latest("checkout.orders");
        String parquet = "read_parquet('" + orders.dataFile() + "')";

        assertThat(orders.snapshot().rowCount()).isEqualTo(published.size());
        assertThat(queryLong("SELECT count(DISTINCT order_id) FROM " + parquet)).isEqualTo(published.size());
        assertThat(queryLong("SELECT count(*) FROM " + parquet + " WHERE order_id IN ("
                        + String.join(
                                ",",
                                truth.invalidTotalOrders().stream()
                                        .map(id -> "'" + id + "'")
                                        .toList())
                        + ")"))
                .isZero();
        assertThat(queryDecimal("SELECT sum(total) FROM " + parquet))
                .isEqualByComparingTo(sum(published, Order::total));
        assertThat(queryDecimal("SELECT sum(shipping_fee) FROM " + parquet))
                .isEqualByComparingTo(sum(published, Order::shippingFee));
        assertThat(queryLong("SELECT count(*) FROM " + parquet + " WHERE status = 'cancelled'"))
                .isEqualTo(count(order -> order.cancelledAt().isPresent()));
        assertThat(queryLong("SELECT count(*) FROM " + parquet + " WHERE promotion = 'black-week-free-shipping'"))
                .isEqualTo(count(order -> order.promotion().isPresent()));
        assertThat(queryLong("SELECT count(*) FROM " + parquet + " WHERE channel = 'app'"))
                .isEqualTo(count(order -> CheckoutSimulator.channelOf(order).equals("app")))
                .isPositive();

        // one order of each kind, every column: sent in v1 and cancelled; in Black Week with free shipping; in the app
        for (Predicate<Order> kind : List.<Predicate<Order>>of(
                order -> isV1(order) && order.cancelledAt().isPresent(),
                order -> order.promotion().isPresent(),
                order -> CheckoutSimulator.channelOf(order).equals("app"))) {
            var order = published.stream().filter(kind).findFirst().orElseThrow();
            assertThat(queryRow(
                            """
                            SELECT session_id, customer_id, epoch_ms(purchased_at), total, shipping_fee, currency,
                                   shipping_option, promotion, channel, line_count, status, epoch_ms(cancelled_at)
                            FROM %s WHERE order_id = '%s'"""
                                    .formatted(parquet, order.id())))
                    .isEqualTo(Arrays.asList(
                            order.sessionId(),
                            order.customerId(),
                            order.purchasedAt().toEpochMilli(),
                            order.total(),
                            order.shippingFee(),
                            "EUR",
                            order.shippingOption().wireName(),
                            order.promotion().orElse(null),
                            CheckoutSimulator.channelOf(order),
                            order.lines().size(),
                            order.cancelledAt().isPresent() ? "cancelled" : "purchased",
                            order.cancelledAt().map(at -> at.toEpochMilli()).orElse(null)));
        }
    }

    @Test
    void publishedOrderItemsAreTheLinesOfThePublishedOrders() throws SQLException {
        var items = latest("checkout.order_items");
        String parquet = "read_parquet('" + items.dataFile() + "')";

        var lines = published.stream().flatMap(order -> order.lines().stream()).toList();
        assertThat(items.snapshot().rowCount()).isEqualTo(lines.size());
        assertThat(queryDecimal("SELECT sum(amount) FROM " + parquet))
                .isEqualByComparingTo(
                        lines.stream().map(ShopYear.OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(queryLong("SELECT sum(quantity) FROM " + parquet))
                .isEqualTo(
                        lines.stream().mapToLong(ShopYear.OrderLine::quantity).sum());

        var order = published.stream()
                .filter(candidate -> candidate.lines().size() > 1 && isV1(candidate))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < order.lines().size(); i++) {
            var line = order.lines().get(i);
            assertThat(queryRow(
                            """
                            SELECT sku, quantity, unit_price, amount, epoch_ms(purchased_at)
                            FROM %s WHERE order_id = '%s' AND line_number = %d"""
                                    .formatted(parquet, order.id(), i + 1)))
                    .isEqualTo(Arrays.asList(
                            line.sku(),
                            line.quantity(),
                            line.unitPrice(),
                            line.amount(),
                            order.purchasedAt().toEpochMilli()));
        }
    }

    @Test
    void productsFulfilTheirContractsAndTheMeshsPolicies() throws Exception {
        for (String product : List.of("orders", "order_items")) {
            var port = latest("checkout." + product);
            // the publish gate tested the contract, and a consumer can test it too
            assertThat(Files.readString(port.snapshotDir().resolve("_audits.json")))
                    .contains("\"gate\":\"contract\"")
                    .contains("\"blocks\":false");
            var contract = ContractAssertions.assertValidContract(
                    Path.of("src/main/resources/mesh/checkout/products/" + product + "/" + product + ".odcs.yaml"));
            assertThat(ContractTester.create()
                            .withClock(AS_OF)
                            .testParquet(port.dataFile().toString(), contract)
                            .failures())
                    .isEmpty();
            // and it complies with the mesh's policies, its published data scanned for personal data in clear
            assertThat(port.audits())
                    .filteredOn(audit -> audit.gate().equals("governance"))
                    .singleElement()
                    .satisfies(audit -> assertThat(audit.blocks()).isFalse())
                    .satisfies(audit -> assertThat(audit.reportJson())
                            .contains("\"id\":\"no-personal-data-in-clear\",")
                            .doesNotContain("\"status\":\"failed\""));
        }
    }

    @Test
    void olderPurchasesAreMappedToTheCurrentSchemaAndPersonalDataIsMaskedBeforeTheCleanZone() throws Exception {
        // every purchase sent in v1 was mapped (copies were dropped before), every purchase was masked
        assertThat(cleaning.changed())
                .isEqualTo(Map.of(
                        "mapped/OrderPurchased v1", truth.purchasesV1(),
                        "masked/OrderPurchased /customer/email hashed", truth.purchases(),
                        "masked/OrderPurchased /customer/name dropped", truth.purchases()));
        var v1 = published.stream().filter(CheckoutPathTests::isV1).toList();
        var orders = "read_parquet('" + latest("checkout.orders").dataFile() + "')";
        assertThat(queryLong("SELECT count(*) FROM " + orders + " WHERE purchased_at < '"
                        + CheckoutEvents.ORDER_PURCHASED_V2_FROM + "' AND channel = 'web'"))
                .isEqualTo(v1.size());

        // the clean zone holds the e-mail address as its keyed hash, and no name
        var area = mesh.domain(CheckoutDomain.NAME).area();
        assertThat(area.queryLong("SELECT count(*) FROM clean.order_purchased p WHERE CAST(p AS VARCHAR) LIKE '%@%'"
                        + " OR NOT regexp_full_match(customer_email_hash, '[0-9a-f]{64}')"))
                .isZero();
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SALT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (Order order : List.of(v1.get(0), published.get(published.size() - 1))) {
            var customer = year.customers().stream()
                    .filter(candidate -> candidate.id().equals(order.customerId()))
                    .findFirst()
                    .orElseThrow();
            String hash = HexFormat.of().formatHex(mac.doFinal(customer.email().getBytes(StandardCharsets.UTF_8)));
            assertThat(area.queryLong("SELECT count(*) FROM clean.order_purchased WHERE order_id = '" + order.id()
                            + "' AND customer_email_hash = '" + hash + "'"))
                    .isOne();
            assertThat(area.queryLong("SELECT count(*) FROM clean.order_purchased p WHERE CAST(p AS VARCHAR) LIKE '%"
                            + customer.name() + "%'"))
                    .isZero();
        }
    }

    @Test
    void everyPlantedFaultIsQuarantinedWithItsReasonAndNothingVanished() {
        var area = mesh.domain(CheckoutDomain.NAME).area();
        var delivery = truth.delivery();
        assertThat(area.quarantinedByRule())
                .isEqualTo(Map.of(
                        "ingest/not-json", delivery.notJson(),
                        "ingest/no-event-id", delivery.noEventId(),
                        "ingest/unknown-type", delivery.unknownType(),
                        "clean/duplicate", delivery.duplicates(),
                        "clean/invalid-field", truth.invalidTotals()));
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE reason = '' OR original IS NULL"))
                .isZero();
        // version 1 purchases are mapped before they are structured, so their invalid totals are found as v2's
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE rule = 'invalid-field'"
                        + " AND reason LIKE 'OrderPurchased field /orderTotal must be a number, found \"%,%\"'"))
                .isEqualTo(truth.invalidTotals());

        // nothing vanished: every record Kafka delivered is a clean row or in quarantine
        long quarantinedAtIngest = area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'ingest'");
        assertThat(cleaning.balanced()).isTrue();
        assertThat(cleaning.input() + quarantinedAtIngest).isEqualTo(delivery.records());
        assertThat(cleaning.cleanRows())
                .isEqualTo(Map.of(
                        "order_purchased",
                        truth.purchases() - truth.invalidTotals(),
                        "order_cancelled",
                        truth.cancellations()));
    }

    private PublishedPort latest(String product) {
        return directory.latest(ProductId.parse(product)).orElseThrow();
    }

    private static long count(Predicate<Order> filter) {
        return published.stream().filter(filter).count();
    }

    private static boolean isV1(Order order) {
        return order.purchasedAt().isBefore(CheckoutEvents.ORDER_PURCHASED_V2_FROM);
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
