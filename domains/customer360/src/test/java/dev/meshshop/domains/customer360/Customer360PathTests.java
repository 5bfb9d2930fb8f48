package dev.meshshop.domains.customer360;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.Session;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customer360's path: it has no events of its own, so its input is what four other domains publish. This test
 * publishes consumer-side stand-ins of those five products from one simulated year, refreshes customer360 through
 * the platform, and checks customer_360 row by row against the same year computed in Java: every customer who
 * visited or ordered, with the figures and segment the model promises. Before the stand-ins exist, the refresh
 * must refuse and name what is missing.
 */
@MeshPathTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Customer360PathTests {

    @RegisterExtension
    static final DomainPath customer360 = DomainPath.of(Customer360Domain.NAME);

    static final ShopYear year = SimulatedShop.year(20250101, 0.02);

    @Test
    @org.junit.jupiter.api.Order(1)
    void withoutItsInputsCustomer360RefusesToRefreshAndNamesWhatIsMissing() {
        assertThatThrownBy(customer360::refresh)
                .hasMessageContaining("Input port checkout.orders v1 of domain customer360 is not published yet");
        assertThat(customer360.directory().latest(ProductId.parse("customer360.customer_360")))
                .isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void customer360HasEveryCustomerWithTheFiguresOfTheSimulatedYear() {
        publishStandIns();
        assertThat(customer360.refresh().snapshots()).hasSize(1);

        var expected = expectedRows();
        var actual = customer360
                .products()
                .records(
                        """
                        SELECT customer_id, orders, cancelled_orders, revenue, returns, deliveries, late_deliveries,
                               mean_delivery_days, payment_failures, sessions, searches, converted_sessions, segment
                        FROM customer360.customer_360 ORDER BY customer_id""",
                        Row.class);
        assertThat(actual).extracting(Row::customerId).containsExactlyElementsOf(expected.keySet());
        assertThat(actual).containsExactlyElementsOf(expected.values());
        // every segment the model knows shows up in a year of the shop
        assertThat(expected.values().stream().map(Row::segment).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("browser", "one-time", "regular", "at-risk", "vip");
        customer360.assertEveryProductPassedTheGates();
    }

    /** The figures the model promises for one customer; mean delivery days rounded as the model rounds them. */
    record Row(
            String customerId,
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
                            customer,
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

    /** The five products customer360 reads, published from the same year as their producers would. */
    private static void publishStandIns() {
        customer360.standIn(
                "stand-ins/checkout/orders",
                "model.orders",
                "order_id VARCHAR, customer_id VARCHAR, purchased_at TIMESTAMP,"
                        + " total DECIMAL(18,2), shipping_fee DECIMAL(18,2), status VARCHAR",
                year.orders(),
                order -> new Object[] {
                    order.id(),
                    order.customerId(),
                    order.purchasedAt(),
                    order.total(),
                    order.shippingFee(),
                    order.cancelledAt().isPresent() ? "cancelled" : "purchased"
                });
        customer360.standIn(
                "stand-ins/fulfillment/shipments",
                "model.shipments",
                "order_id VARCHAR, delivered_at TIMESTAMP, on_time BOOLEAN",
                year.orders().stream()
                        .filter(order -> order.shipment().isPresent())
                        .toList(),
                order -> {
                    var shipment = order.shipment().orElseThrow();
                    var delivered = shipment.deliveredAt();
                    return new Object[] {
                        order.id(), delivered.orElse(null), delivered.isPresent() ? !shipment.late() : null
                    };
                });
        customer360.standIn(
                "stand-ins/fulfillment/returns",
                "model.returns",
                "return_id VARCHAR, order_id VARCHAR",
                year.orders().stream()
                        .filter(order -> order.goodsReturn().isPresent())
                        .toList(),
                order -> new Object[] {order.goodsReturn().orElseThrow().id(), order.id()});
        customer360.standIn(
                "stand-ins/payment/payments",
                "model.payments",
                "order_id VARCHAR, failed_attempts INTEGER",
                year.orders(),
                order -> new Object[] {order.id(), order.payment().failedAt().isPresent() ? 1 : 0});
        customer360.standIn(
                "stand-ins/search/search_sessions",
                "model.search_sessions",
                "session_id VARCHAR, customer_id VARCHAR, searches INTEGER, converted BOOLEAN",
                year.sessions(),
                session -> new Object[] {
                    session.id(),
                    session.customerId(),
                    session.searches().size(),
                    session.orderId().isPresent()
                });
    }
}
