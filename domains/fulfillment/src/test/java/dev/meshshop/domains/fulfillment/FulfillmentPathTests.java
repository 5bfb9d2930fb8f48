package dev.meshshop.domains.fulfillment;

import static dev.meshshop.domains.fulfillment.inventory.InventoryCleaning.NEGATIVE_STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meshshop.domains.fulfillment.simulator.FulfillmentSimulator;
import dev.meshshop.domains.fulfillment.simulator.FulfillmentTruth;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShippingOption;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopTruths.LocationStock;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.StockLevel;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import dev.meshshop.platform.testkit.ProductQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fulfillment end to end, in one JVM: its simulated warehouses send a year of stock readings and parcels, with
 * planted faults, to a real Kafka broker; the platform ingests them, cleans them with Beam (direct runner),
 * models them with SQL, reads checkout's orders through the input port (a stand-in published from the same
 * year) and publishes the four products as Parquet. Each product must hold exactly what the shop's year says,
 * and every planted fault must be in quarantine with its rule and reason.
 */
@MeshPathTest
class FulfillmentPathTests {

    @RegisterExtension
    static final DomainPath fulfillment = DomainPath.of(FulfillmentDomain.NAME);

    static final long SEED = 20251128;
    static final double SCALE = 0.01; // about 1,800 shipped orders and 3,300 stock readings: 7,500 records
    // Far above a typical year's rates. Duplicates are kept fewer: the direct runner hands each group of copies
    // to the following steps as a bundle of its own, and each bundle costs it tens of milliseconds.
    static final Faults FAULTY = new Faults(0.005, 0.01);
    static final double NEGATIVE_READINGS = 0.03;

    static final ShopYear year = SimulatedShop.year(SEED, SCALE);
    static FulfillmentTruth truth;
    static Map<String, Order> lostByCheckout;
    static ProductQueries products;

    @BeforeAll
    static void sendAYearAndRefresh() {
        var simulator = new FulfillmentSimulator(SEED, SCALE, FAULTY, NEGATIVE_READINGS);
        truth = simulator.truth();
        // the faults this test is about must be planted at all
        DomainPath.assertFaultsPlanted(truth.delivery());
        assertThat(truth.negativeReadings()).isPositive();
        assertThat(truth.deliveries()).isLessThan(truth.shipments()); // some parcels are still on their way

        lostByCheckout = publishCheckoutOrders();
        fulfillment.send(simulator.records());
        fulfillment.refresh();
        products = fulfillment.products();
    }

    /**
     * Publishes checkout.orders as checkout would, from the same year, less a few orders outside Black Week: the
     * orders checkout quarantined, whose parcels fulfillment ships all the same.
     */
    private static Map<String, Order> publishCheckoutOrders() {
        var lost = new LinkedHashMap<String, Order>();
        var published = new ArrayList<Order>();
        for (int i = 0; i < year.orders().size(); i++) {
            var order = year.orders().get(i);
            if (i % 50 == 7 && !ShopCalendar.inBlackWeek(order.purchasedAt())) {
                lost.put(order.id(), order);
            } else {
                published.add(order);
            }
        }
        CheckoutOrdersStandIn.publish(fulfillment.layout(), published);
        assertThat(lost).isNotEmpty();
        return lost;
    }

    @Test
    void inventoryLatestHoldsTheYearsFinalStockPerArticleAndLocation() {
        var expected = new TreeMap<String, String>();
        finalStock().forEach((key, level) -> expected.put(key, level.available() + " " + millis(level.at())));

        assertThat(products.byKey("SELECT sku || '@' || location, available, epoch_ms(updated_at)"
                        + " FROM fulfillment.inventory_latest"))
                .isEqualTo(expected);

        // question 6 is one GROUP BY over the product, and its answer is the company's
        var byLocation = new TreeMap<String, LocationStock>();
        for (var row : products.rows("SELECT location, count(*) FILTER (WHERE available > 0), sum(available)"
                + " FROM fulfillment.inventory_latest GROUP BY location")) {
            byLocation.put(row.get(0), new LocationStock(Long.parseLong(row.get(1)), Long.parseLong(row.get(2))));
        }
        assertThat(byLocation).isEqualTo(year.truths().inventoryByLocation());
    }

    @Test
    void inventoryHistoryReplaysEveryCorrectReadingInOrder() {
        assertThat(products.count("SELECT count(*) FROM fulfillment.inventory_history"))
                .isEqualTo(truth.stockChanges())
                .isEqualTo(year.stockLevels().size());
        assertThat(products.count("SELECT count(*) FROM fulfillment.inventory_history WHERE available < 0"))
                .isZero();

        var expected = year.stockLevels().stream()
                .collect(Collectors.groupingBy(
                        FulfillmentPathTests::key,
                        TreeMap::new,
                        Collectors.mapping(
                                level -> level.reason() + ":" + level.available(), Collectors.joining(","))));
        assertThat(products.byKey("SELECT sku || '@' || location,"
                        + " string_agg(reason || ':' || available, ',' ORDER BY updated_at, sequence)"
                        + " FROM fulfillment.inventory_history GROUP BY ALL"))
                .isEqualTo(expected);
    }

    @Test
    void shipmentsHoldEveryParcelWithItsPromiseAndDelivery() {
        var expected = new TreeMap<String, String>();
        for (Order order : year.orders()) {
            order.shipment()
                    .ifPresent(shipment -> expected.put(
                            shipment.id(),
                            String.join(
                                    " ",
                                    order.id(),
                                    shipment.location(),
                                    shipment.carrier(),
                                    order.shippingOption().wireName(),
                                    lostByCheckout.containsKey(order.id()) ? "null" : millis(order.purchasedAt()),
                                    millis(shipment.dispatchedAt()),
                                    millis(shipment.promisedBy()),
                                    shipment.deliveredAt()
                                            .map(FulfillmentPathTests::millis)
                                            .orElse("null"),
                                    shipment.deliveredAt()
                                            .map(at -> String.valueOf(!shipment.late()))
                                            .orElse("null"),
                                    shipment.deliveredAt().isPresent() ? "delivered" : "in_transit")));
        }

        assertThat(products.byKey("SELECT shipment_id, order_id, location, carrier, shipping_option,"
                        + " epoch_ms(purchased_at), epoch_ms(dispatched_at), epoch_ms(promised_by),"
                        + " epoch_ms(delivered_at), on_time, status FROM fulfillment.shipments"))
                .hasSize((int) truth.shipments())
                .isEqualTo(expected);
        assertThat(products.count("SELECT count(*) FROM fulfillment.shipments WHERE status = 'delivered'"))
                .isEqualTo(truth.deliveries());
        // the parcels of orders that checkout does not publish are shipments all the same, without purchased_at
        assertThat(products.count("SELECT count(*) FROM fulfillment.shipments WHERE purchased_at IS NULL"))
                .isEqualTo(lostByCheckout.values().stream()
                        .filter(order -> order.shipment().isPresent())
                        .count())
                .isPositive();
    }

    @Test
    void onTimeDeliveriesPerShippingOptionAreTheYears() {
        var expected = new TreeMap<String, String>();
        for (ShippingOption option : ShippingOption.values()) {
            var shipped = year.orders().stream()
                    .filter(order -> order.shippingOption() == option)
                    .flatMap(order -> order.shipment().stream())
                    .toList();
            long delivered = shipped.stream()
                    .filter(shipment -> shipment.deliveredAt().isPresent())
                    .count();
            long late = shipped.stream().filter(shipment -> shipment.late()).count();
            expected.put(option.wireName(), shipped.size() + " " + delivered + " " + (delivered - late));
        }

        assertThat(products.byKey("SELECT shipping_option, count(*), count(delivered_at),"
                        + " count(*) FILTER (WHERE on_time) FROM fulfillment.shipments GROUP BY ALL"))
                .isEqualTo(expected);
    }

    @Test
    void shippingTimesOfTheLastBlackWeekAreTheCompanys() {
        var answer = products.rows(
                """
                SELECT shipping_option, count(*), avg(CASE WHEN on_time THEN 1 ELSE 0 END),
                       avg(epoch(delivered_at - purchased_at) / 86400)
                FROM fulfillment.shipments
                WHERE delivered_at IS NOT NULL
                  AND purchased_at >= TIMESTAMP '2025-11-24' AND purchased_at < TIMESTAMP '2025-12-01'
                GROUP BY ALL""");
        var truths = year.truths().blackWeekShipping();

        assertThat(answer).hasSize(truths.size());
        for (var row : answer) {
            var deliveries = truths.get(ShippingOption.valueOf(row.get(0).toUpperCase()));
            assertThat(Long.parseLong(row.get(1))).isEqualTo(deliveries.deliveries());
            assertThat(Double.parseDouble(row.get(2))).isCloseTo(deliveries.onTimeShare(), within(1e-9));
            // the company counts whole seconds, the product milliseconds
            assertThat(Double.parseDouble(row.get(3))).isCloseTo(deliveries.meanDeliveryDays(), within(1e-4));
        }
    }

    @Test
    void returnsHoldEveryArticleSentBack() {
        var expected = new TreeMap<String, String>();
        long units = 0;
        for (Order order : year.orders()) {
            if (order.goodsReturn().isPresent()) {
                var goodsReturn = order.goodsReturn().get();
                units += goodsReturn.quantity();
                expected.put(
                        goodsReturn.id(),
                        String.join(
                                " ",
                                order.id(),
                                goodsReturn.sku(),
                                String.valueOf(goodsReturn.quantity()),
                                goodsReturn.reason(),
                                millis(goodsReturn.receivedAt())));
            }
        }

        assertThat(products.byKey("SELECT return_id, order_id, sku, quantity, return_reason, epoch_ms(received_at)"
                        + " FROM fulfillment.returns"))
                .hasSize((int) truth.returns())
                .isEqualTo(expected);
        assertThat(products.count("SELECT sum(quantity) FROM fulfillment.returns"))
                .isEqualTo(units);
    }

    @Test
    void returnsV1IsServedBesideV2UntilItRetiresWithTheReasonUnderItsOldName() {
        assertThat(products.byKey("SELECT return_id, order_id, sku, quantity, reason, epoch_ms(received_at)"
                        + " FROM fulfillment.returns_v1"))
                .isEqualTo(products.byKey("SELECT return_id, order_id, sku, quantity, return_reason,"
                        + " epoch_ms(received_at) FROM fulfillment.returns_v2"))
                .hasSize((int) truth.returns());
    }

    @Test
    void everyPlantedFaultIsInQuarantineWithItsRuleAndReason() {
        fulfillment.assertQuarantined(truth.delivery(), Map.of("clean/negative-stock", truth.negativeReadings()));
        // the scanner's readings are set aside for the known bug, each one a negative stock level
        assertThat(fulfillment.quarantined(
                        """
                        rule = '%s' AND reason = '%s' AND topic = 'fulfillment.inventory-updated.v1'
                          AND CAST(json_extract(decode(original), '$.data.available') AS INTEGER) < 0"""
                                .formatted(NEGATIVE_STOCK.name(), NEGATIVE_STOCK.knownBug())))
                .isEqualTo(truth.negativeReadings());
    }

    @Test
    void nothingVanished() {
        fulfillment.assertNothingVanished(
                truth.delivery(),
                Map.of(
                        "inventory_updated", truth.stockChanges(),
                        "shipment_dispatched", truth.shipments(),
                        "shipment_delivered", truth.deliveries(),
                        "return_received", truth.returns(),
                        // this test runs no operational database: nothing captured from the ERP
                        "article_changed", 0L));
        assertThat(fulfillment.cleaning().input())
                .isEqualTo(truth.events() + truth.delivery().duplicates());
    }

    @Test
    void everyProductPassedItsContractAndTheMeshPoliciesToBePublished() {
        fulfillment.assertEveryProductPassedTheGates();
    }

    /** Every article's stock at each of its locations at the end of the year: its last level. */
    private static Map<String, StockLevel> finalStock() {
        var last = new HashMap<String, StockLevel>();
        year.stockLevels().forEach(level -> last.put(key(level), level));
        return last;
    }

    private static String key(StockLevel level) {
        return level.sku() + "@" + level.location();
    }

    private static String millis(Instant at) {
        return String.valueOf(at.toEpochMilli());
    }
}
