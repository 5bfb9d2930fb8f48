package dev.meshshop.domains.customer360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.Session;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.StandInProducts;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Customer360's path: it has no events of its own, so its input is what four other domains publish. This test
 * publishes consumer-side stand-ins of those five products from one simulated year, refreshes customer360 through
 * the platform, and checks customer_360 row by row against the same year computed in Java: every customer who
 * visited or ordered, with the figures and segment the model promises. Before the stand-ins exist, the refresh
 * must refuse and name what is missing.
 */
@SpringBootTest(
        classes = Customer360PathTests.MeshApplication.class,
        properties = {"mesh.refresh-interval=0s", "mesh.as-of=2026-01-01T00:00:00Z"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Customer360PathTests {

    static final ShopYear year = SimulatedShop.year(20250101, 0.02);

    /** The mesh judges the simulated year's data as of its end. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    @TempDir
    static Path dataDir;

    @Autowired
    MeshRuntime mesh;

    @Autowired
    MeshLayout layout;

    @Autowired
    MeshDirectory directory;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MeshApplication {}

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void withoutItsInputsCustomer360RefusesToRefreshAndNamesWhatIsMissing() {
        var customer360 = mesh.domain(Customer360Domain.NAME);
        assertThatThrownBy(customer360::refresh)
                .hasMessageContaining("Input port checkout.orders v1 of domain customer360 is not published yet");
        assertThat(directory.latest(ProductId.parse("customer360.customer_360")))
                .isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void customer360HasEveryCustomerWithTheFiguresOfTheSimulatedYear() throws SQLException {
        publishStandIns();
        var report = mesh.domain(Customer360Domain.NAME).refresh();
        assertThat(report.snapshots()).hasSize(1);

        var published =
                directory.latest(ProductId.parse("customer360.customer_360")).orElseThrow();
        var expected = expectedRows();
        var actual = publishedRows(published);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach(
                (customer, row) -> assertThat(actual.get(customer)).as(customer).isEqualTo(row));
        // every segment the model knows shows up in a year of the shop
        assertThat(expected.values().stream().map(Row::segment).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("browser", "one-time", "regular", "at-risk", "vip");

        var contract = ContractAssertions.assertValidContract(
                Path.of("src/main/resources/mesh/customer360/products/customer_360/customer_360.odcs.yaml"));
        assertThat(ContractTester.create()
                        .withClock(AS_OF)
                        .testParquet(published.dataFile().toString(), contract)
                        .failures())
                .isEmpty();
        assertThat(published.audits())
                .filteredOn(audit -> audit.gate().equals("governance"))
                .singleElement()
                .satisfies(audit -> assertThat(audit.blocks()).isFalse());
    }

    /** The figures the model promises for one customer; mean delivery days rounded as the model rounds them. */
    record Row(
            int orders,
            int cancelledOrders,
            BigDecimal revenue,
            int returns,
            int deliveries,
            int lateDeliveries,
            Double meanDeliveryDays,
            int paymentFailures,
            int sessions,
            int searches,
            int convertedSessions,
            String segment) {}

    private static Map<String, Row> expectedRows() {
        Map<String, List<Order>> orders = year.orders().stream().collect(Collectors.groupingBy(Order::customerId));
        Map<String, List<Session>> sessions =
                year.sessions().stream().collect(Collectors.groupingBy(Session::customerId));
        Instant newestOrder = year.orders().stream()
                .map(Order::purchasedAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        var rows = new TreeMap<String, Row>();
        var customers = new ArrayList<String>(orders.keySet());
        customers.addAll(sessions.keySet());
        for (String customer : customers) {
            var theirOrders = orders.getOrDefault(customer, List.of());
            var theirSessions = sessions.getOrDefault(customer, List.of());
            int cancelled = (int) theirOrders.stream()
                    .filter(order -> order.cancelledAt().isPresent())
                    .count();
            var delivered = theirOrders.stream()
                    .filter(order -> order.shipment()
                            .flatMap(shipment -> shipment.deliveredAt())
                            .isPresent())
                    .toList();
            int late = (int) delivered.stream()
                    .filter(order -> order.shipment().orElseThrow().late())
                    .count();
            Double meanDays = delivered.isEmpty()
                    ? null
                    : Math.round(delivered.stream()
                                            .mapToDouble(order -> Duration.between(
                                                                    order.purchasedAt(),
                                                                    order.shipment()
                                                                            .orElseThrow()
                                                                            .deliveredAt()
                                                                            .orElseThrow())
                                                            .toMillis()
                                                    / 86_400_000.0)
                                            .average()
                                            .orElseThrow()
                                    * 100)
                            / 100.0;
            Instant lastOrder = theirOrders.stream()
                    .map(Order::purchasedAt)
                    .max(Comparator.naturalOrder())
                    .orElse(null);
            String segment;
            if (theirOrders.isEmpty()) {
                segment = "browser";
            } else if (theirOrders.size() - cancelled >= 8) {
                segment = "vip";
            } else if (lastOrder.isBefore(newestOrder.minus(Duration.ofDays(120))) || late >= 2) {
                segment = "at-risk";
            } else if (theirOrders.size() == 1) {
                segment = "one-time";
            } else {
                segment = "regular";
            }
            rows.put(
                    customer,
                    new Row(
                            theirOrders.size(),
                            cancelled,
                            theirOrders.stream()
                                    .filter(order -> order.cancelledAt().isEmpty())
                                    .map(Order::amountCharged)
                                    .reduce(BigDecimal.ZERO, BigDecimal::add)
                                    .setScale(2),
                            (int) theirOrders.stream()
                                    .filter(order -> order.goodsReturn().isPresent())
                                    .count(),
                            delivered.size(),
                            late,
                            meanDays,
                            (int) theirOrders.stream()
                                    .filter(order -> order.payment().failedAt().isPresent())
                                    .count(),
                            theirSessions.size(),
                            theirSessions.stream()
                                    .mapToInt(session -> session.searches().size())
                                    .sum(),
                            (int) theirSessions.stream()
                                    .filter(session -> session.orderId().isPresent())
                                    .count(),
                            segment));
        }
        return rows;
    }

    private static Map<String, Row> publishedRows(PublishedPort published) throws SQLException {
        var rows = new TreeMap<String, Row>();
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var result = connection
                        .createStatement()
                        .executeQuery(
                                """
                                SELECT customer_id, orders, cancelled_orders, revenue, returns, deliveries,
                                       late_deliveries, mean_delivery_days, payment_failures, sessions, searches,
                                       converted_sessions, segment
                                FROM read_parquet('%s')"""
                                        .formatted(published.dataFile()))) {
            while (result.next()) {
                var meanDays = (Double) result.getObject(8);
                rows.put(
                        result.getString(1),
                        new Row(
                                result.getInt(2),
                                result.getInt(3),
                                result.getBigDecimal(4),
                                result.getInt(5),
                                result.getInt(6),
                                result.getInt(7),
                                meanDays,
                                result.getInt(9),
                                result.getInt(10),
                                result.getInt(11),
                                result.getInt(12),
                                result.getString(13)));
            }
        }
        return rows;
    }

    /** The five products customer360 reads, published from the same year as their producers would. */
    private void publishStandIns() {
        StandInProducts.publish(layout, "stand-ins/checkout/orders", connection -> {
            create(
                    connection,
                    "model.orders",
                    "order_id VARCHAR, customer_id VARCHAR, purchased_at TIMESTAMP,"
                            + " total DECIMAL(18,2), shipping_fee DECIMAL(18,2), status VARCHAR");
            insert(connection, "model.orders", 6, year.orders(), order -> new Object[] {
                order.id(),
                order.customerId(),
                utc(order.purchasedAt()),
                order.total(),
                order.shippingFee(),
                order.cancelledAt().isPresent() ? "cancelled" : "purchased"
            });
            return null;
        });
        var shipped = year.orders().stream()
                .filter(order -> order.shipment().isPresent())
                .toList();
        StandInProducts.publish(layout, "stand-ins/fulfillment/shipments", connection -> {
            create(connection, "model.shipments", "order_id VARCHAR, delivered_at TIMESTAMP, on_time BOOLEAN");
            insert(connection, "model.shipments", 3, shipped, order -> {
                var shipment = order.shipment().orElseThrow();
                var delivered = shipment.deliveredAt();
                return new Object[] {
                    order.id(),
                    delivered.map(Customer360PathTests::utc).orElse(null),
                    delivered.isPresent() ? !shipment.late() : null
                };
            });
            return null;
        });
        var returned = year.orders().stream()
                .filter(order -> order.goodsReturn().isPresent())
                .toList();
        StandInProducts.publish(layout, "stand-ins/fulfillment/returns", connection -> {
            create(connection, "model.returns", "return_id VARCHAR, order_id VARCHAR");
            insert(connection, "model.returns", 2, returned, order ->
                    new Object[] {order.goodsReturn().orElseThrow().id(), order.id()});
            return null;
        });
        StandInProducts.publish(layout, "stand-ins/payment/payments", connection -> {
            create(connection, "model.payments", "order_id VARCHAR, failed_attempts INTEGER");
            insert(connection, "model.payments", 2, year.orders(), order ->
                    new Object[] {order.id(), order.payment().failedAt().isPresent() ? 1 : 0});
            return null;
        });
        StandInProducts.publish(layout, "stand-ins/search/search_sessions", connection -> {
            create(
                    connection,
                    "model.search_sessions",
                    "session_id VARCHAR, customer_id VARCHAR, searches INTEGER, converted BOOLEAN");
            insert(connection, "model.search_sessions", 4, year.sessions(), session -> new Object[] {
                session.id(),
                session.customerId(),
                session.searches().size(),
                session.orderId().isPresent()
            });
            return null;
        });
    }

    private static void create(Connection connection, String table, String columns) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE " + table + " (" + columns + ")");
        }
    }

    private static <T> void insert(
            Connection connection, String table, int columns, List<T> rows, Function<T, Object[]> values)
            throws SQLException {
        String placeholders = String.join(", ", Collections.nCopies(columns, "?"));
        try (var insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (" + placeholders + ")")) {
            for (T row : rows) {
                var value = values.apply(row);
                for (int i = 0; i < columns; i++) {
                    insert.setObject(i + 1, value[i]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
