package dev.meshshop.domains.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.simulator.CheckoutSimulator;
import dev.meshshop.domains.checkout.simulator.CheckoutTruth;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Checkout's path, end to end and in one JVM: checkout's simulated system sends the shop's orders with planted
 * faults to a real Kafka broker; the platform ingests them into checkout's DuckDB area, cleans them with Beam
 * (direct runner), models them with SQL and publishes checkout.orders and checkout.order_items as Parquet. The
 * published products must equal the shop's year less what the simulator knows it broke, and every planted
 * fault must be repaired or sit in quarantine with its reason, exactly as often as it was planted.
 */
@MeshPathTest
@TestPropertySource(properties = "mesh.personal-data-salt=" + CheckoutPathTests.SALT)
class CheckoutPathTests {

    @RegisterExtension
    static final DomainPath checkout = DomainPath.of(CheckoutDomain.NAME);

    static final Faults FAULTY = new Faults(0.01, 0.02);
    static final double INVALID_TOTALS = 0.02;
    static final String SALT = "checkout-path-tests-salt";

    // seed and scale of the shop's year: about 1,900 orders, small enough for the direct runner
    static final ShopYear year = SimulatedShop.year(20251231, 0.02);
    static CheckoutTruth truth;
    static List<Order> published;

    @BeforeAll
    static void sendTheYearAndRefresh() {
        var simulator = new CheckoutSimulator(year, FAULTY, INVALID_TOTALS);
        checkout.send(simulator);
        truth = simulator.truth();
        // the faults this test is about must be planted at all
        DomainPath.assertFaultsPlanted(truth.delivery());
        assertThat(truth.invalidTotals()).isPositive();
        assertThat(truth.purchasesV1()).isPositive().isLessThan(truth.purchases());

        checkout.refresh();
        published = year.orders().stream().filter(truth::valid).toList();
    }

    @Test
    void publishedOrdersAreTheShopsOrdersLessThoseWithAnInvalidTotal() {
        var products = checkout.products();
        assertThat(checkout.published("orders").snapshot().rowCount()).isEqualTo(published.size());
        assertThat(products.count("SELECT count(DISTINCT order_id) FROM checkout.orders"))
                .isEqualTo(published.size());
        assertThat(products.count("SELECT count(*) FROM checkout.orders WHERE order_id IN ('"
                        + String.join("','", truth.invalidTotalOrders()) + "')"))
                .isZero();
        assertThat(products.decimal("SELECT sum(total) FROM checkout.orders"))
                .isEqualByComparingTo(sum(published, Order::total));
        assertThat(products.decimal("SELECT sum(shipping_fee) FROM checkout.orders"))
                .isEqualByComparingTo(sum(published, Order::shippingFee));
        assertThat(products.count("SELECT count(*) FROM checkout.orders WHERE status = 'cancelled'"))
                .isEqualTo(count(order -> order.cancelledAt().isPresent()));
        assertThat(products.count("SELECT count(*) FROM checkout.orders WHERE promotion = 'black-week-free-shipping'"))
                .isEqualTo(count(order -> order.promotion().isPresent()));
        assertThat(products.count("SELECT count(*) FROM checkout.orders WHERE channel = 'app'"))
                .isEqualTo(count(order -> CheckoutSimulator.channelOf(order).equals("app")))
                .isPositive();

        // one order of each kind, every column: sent in v1 and cancelled; in Black Week with free shipping; in the app
        for (Predicate<Order> kind : List.<Predicate<Order>>of(
                order -> isV1(order) && order.cancelledAt().isPresent(),
                order -> order.promotion().isPresent(),
                order -> CheckoutSimulator.channelOf(order).equals("app"))) {
            var order = published.stream().filter(kind).findFirst().orElseThrow();
            assertThat(products.row(
                            """
                            SELECT session_id, customer_id, epoch_ms(purchased_at), total, shipping_fee, currency,
                                   shipping_option, promotion, channel, line_count, status, epoch_ms(cancelled_at)
                            FROM checkout.orders WHERE order_id = '%s'"""
                                    .formatted(order.id())))
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
    void publishedOrderItemsAreTheLinesOfThePublishedOrders() {
        var products = checkout.products();
        var lines = published.stream().flatMap(order -> order.lines().stream()).toList();
        assertThat(checkout.published("order_items").snapshot().rowCount()).isEqualTo(lines.size());
        assertThat(products.decimal("SELECT sum(amount) FROM checkout.order_items"))
                .isEqualByComparingTo(
                        lines.stream().map(ShopYear.OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(products.count("SELECT sum(quantity) FROM checkout.order_items"))
                .isEqualTo(
                        lines.stream().mapToLong(ShopYear.OrderLine::quantity).sum());

        var order = published.stream()
                .filter(candidate -> candidate.lines().size() > 1 && isV1(candidate))
                .findFirst()
                .orElseThrow();
        for (int i = 0; i < order.lines().size(); i++) {
            var line = order.lines().get(i);
            assertThat(products.row(
                            """
                            SELECT sku, quantity, unit_price, amount, epoch_ms(purchased_at)
                            FROM checkout.order_items WHERE order_id = '%s' AND line_number = %d"""
                                    .formatted(order.id(), i + 1)))
                    .isEqualTo(Arrays.asList(
                            line.sku(),
                            line.quantity(),
                            line.unitPrice(),
                            line.amount(),
                            order.purchasedAt().toEpochMilli()));
        }
    }

    @Test
    void productsFulfilTheirContractsAndTheMeshsPolicies() {
        checkout.assertEveryProductPassedTheGates();
    }

    @Test
    void olderPurchasesAreMappedToTheCurrentSchemaAndPersonalDataIsMaskedBeforeTheCleanZone() throws Exception {
        // every purchase sent in v1 was mapped (copies were dropped before), every purchase was masked
        assertThat(checkout.cleaning().changed())
                .isEqualTo(Map.of(
                        "mapped/OrderPurchased v1", truth.purchasesV1(),
                        "masked/OrderPurchased /customer/email hashed", truth.purchases(),
                        "masked/OrderPurchased /customer/name dropped", truth.purchases()));
        var v1 = published.stream().filter(CheckoutPathTests::isV1).toList();
        assertThat(checkout.products()
                        .count("SELECT count(*) FROM checkout.orders WHERE purchased_at < '"
                                + CheckoutEvents.ORDER_PURCHASED_V2_FROM + "' AND channel = 'web'"))
                .isEqualTo(v1.size());

        // the clean zone holds the e-mail address as its keyed hash, and no name
        var area = checkout.area();
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
        checkout.assertQuarantined(truth.delivery(), Map.of("clean/invalid-field", truth.invalidTotals()));
        // version 1 purchases are mapped before they are structured, so their invalid totals are found as v2's
        assertThat(checkout.quarantined("rule = 'invalid-field'"
                        + " AND reason LIKE 'OrderPurchased field /orderTotal must be a number, found \"%,%\"'"))
                .isEqualTo(truth.invalidTotals());

        checkout.assertNothingVanished(
                truth.delivery(),
                Map.of(
                        "order_purchased",
                        truth.purchases() - truth.invalidTotals(),
                        "order_cancelled",
                        truth.cancellations(),
                        // this test runs no operational database: the customer accounts sent nothing
                        "customer_changed",
                        0L));
    }

    private static long count(Predicate<Order> filter) {
        return published.stream().filter(filter).count();
    }

    private static boolean isV1(Order order) {
        return order.purchasedAt().isBefore(CheckoutEvents.ORDER_PURCHASED_V2_FROM);
    }

    private static BigDecimal sum(List<Order> orders, Function<Order, BigDecimal> amount) {
        return orders.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
