package dev.meshshop.platform.simulation;

import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.Session;
import dev.meshshop.platform.simulation.ShopYear.StockLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The answers to the six business questions, as the simulated company knows them: computed from what really
 * happened, with the same definitions as the mesh's SQL over data products (docs/QUESTIONS.md). Tests compare
 * the two; what the data faults cost (an order quarantined, an hour of search events lost) is why they are
 * compared within a tolerance.
 */
public final class ShopTruths {

    /** Shipments of orders bought in this window are compared across shipping options (question 2). */
    public static final Instant SHIPPING_COMPARISON_FROM = ShopCalendar.RELIABLE_SHIPPING_FROM;

    /** Deliveries until here leave a full window to order again before the year ends. */
    public static final Instant SHIPPING_COMPARISON_UNTIL = Instant.parse("2025-10-01T00:00:00Z");

    /** "Ordered again" means within this long after the delivery. */
    public static final Duration REORDER_WINDOW = Duration.ofDays(90);

    private final ShopYear year;
    private final Map<String, Order> ordersById = new HashMap<>();

    ShopTruths(ShopYear year) {
        this.year = year;
        year.orders().forEach(order -> ordersById.put(order.id(), order));
    }

    /** Visits, orders and money per arm of an experiment. */
    public record Arm(long sessions, long orders, BigDecimal revenue) {

        public double conversion() {
            return sessions == 0 ? 0 : (double) orders / sessions;
        }

        /** What a visit brought in on average: articles and shipping fees of orders that were not cancelled. */
        public double revenuePerSession() {
            return sessions == 0 ? 0 : revenue.doubleValue() / sessions;
        }
    }

    /** Question 1: Black Week visits by whether free shipping was offered. Key: offered. */
    public Map<Boolean, Arm> blackWeekFreeShipping() {
        var arms = new TreeMap<Boolean, Arm>();
        for (boolean offered : new boolean[] {false, true}) {
            arms.put(offered, arm(session -> session.freeShippingOffered().equals(Optional.of(offered))));
        }
        return arms;
    }

    /** Question 3, first half: visits and orders per product-page variant, over the whole year. */
    public Map<String, Arm> productPageTest() {
        var arms = new TreeMap<String, Arm>();
        for (String variant : List.of("A", "B")) {
            arms.put(variant, arm(session -> session.productPageVariant().equals(variant)));
        }
        return arms;
    }

    /**
     * Question 3, second half: the share of orders (not cancelled) from each variant's visits that had an article
     * returned.
     */
    public Map<String, Double> returnRateByVariant() {
        var rates = new TreeMap<String, Double>();
        for (String variant : List.of("A", "B")) {
            long orders = 0;
            long returned = 0;
            for (Session session : year.sessions()) {
                if (session.productPageVariant().equals(variant)
                        && session.orderId().isPresent()) {
                    var order = ordersById.get(session.orderId().get());
                    if (order.cancelledAt().isEmpty()) {
                        orders++;
                        returned += order.goodsReturn().isPresent() ? 1 : 0;
                    }
                }
            }
            rates.put(variant, orders == 0 ? 0 : (double) returned / orders);
        }
        return rates;
    }

    private Arm arm(Predicate<Session> member) {
        long sessions = 0;
        long orders = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (Session session : year.sessions()) {
            if (!member.test(session)) {
                continue;
            }
            sessions++;
            if (session.orderId().isPresent()) {
                orders++;
                var order = ordersById.get(session.orderId().get());
                if (order.cancelledAt().isEmpty()) {
                    revenue = revenue.add(order.amountCharged());
                }
            }
        }
        return new Arm(sessions, orders, revenue);
    }

    /**
     * How deliveries went.
     *
     * @param deliveries delivered shipments counted
     * @param meanDeliveryDays the mean time from purchase to delivery, in days
     * @param onTimeShare the share delivered by the promised time
     * @param reorderShare the share after which the customer ordered again within {@link #REORDER_WINDOW}
     */
    public record Deliveries(long deliveries, double meanDeliveryDays, double onTimeShare, double reorderShare) {}

    /**
     * Question 2: per shipping option, deliveries of orders bought from {@link #SHIPPING_COMPARISON_FROM} and
     * delivered before {@link #SHIPPING_COMPARISON_UNTIL}.
     */
    public Map<ShippingOption, Deliveries> shippingOptions() {
        var byCustomer = new HashMap<String, List<Instant>>();
        for (Order order : year.orders()) {
            byCustomer
                    .computeIfAbsent(order.customerId(), id -> new ArrayList<>())
                    .add(order.purchasedAt());
        }
        return deliveries(
                order -> !order.purchasedAt().isBefore(SHIPPING_COMPARISON_FROM)
                        && order.shipment()
                                .flatMap(shipment -> shipment.deliveredAt())
                                .orElse(Instant.MAX)
                                .isBefore(SHIPPING_COMPARISON_UNTIL),
                byCustomer);
    }

    /** Question 5: per shipping option, deliveries of orders bought in Black Week. */
    public Map<ShippingOption, Deliveries> blackWeekShipping() {
        return deliveries(order -> ShopCalendar.inBlackWeek(order.purchasedAt()), null);
    }

    /** Question 5's baseline: per shipping option, deliveries of orders bought outside Black Week. */
    public Map<ShippingOption, Deliveries> shippingOutsideBlackWeek() {
        return deliveries(order -> !ShopCalendar.inBlackWeek(order.purchasedAt()), null);
    }

    private Map<ShippingOption, Deliveries> deliveries(
            Predicate<Order> included, Map<String, List<Instant>> ordersByCustomer) {
        var result = new LinkedHashMap<ShippingOption, Deliveries>();
        for (ShippingOption option : ShippingOption.values()) {
            long count = 0;
            long onTime = 0;
            long reordered = 0;
            double seconds = 0;
            for (Order order : year.orders()) {
                if (order.shippingOption() != option || !included.test(order)) {
                    continue;
                }
                var shipment = order.shipment().orElse(null);
                if (shipment == null || shipment.deliveredAt().isEmpty()) {
                    continue;
                }
                Instant delivered = shipment.deliveredAt().get();
                count++;
                onTime += shipment.late() ? 0 : 1;
                seconds += Duration.between(order.purchasedAt(), delivered).toSeconds();
                if (ordersByCustomer != null
                        && ordersByCustomer.get(order.customerId()).stream()
                                .anyMatch(other ->
                                        other.isAfter(delivered) && !other.isAfter(delivered.plus(REORDER_WINDOW)))) {
                    reordered++;
                }
            }
            if (count > 0) {
                result.put(
                        option,
                        new Deliveries(
                                count, seconds / 86_400 / count, (double) onTime / count, (double) reordered / count));
            }
        }
        return result;
    }

    /**
     * Question 4: articles in stock at the end of the year (at any location) that no order placed in the last six
     * months (and not cancelled) contained.
     */
    public Set<String> shelfWarmers() {
        var sold = new HashSet<String>();
        for (Order order : year.orders()) {
            if (order.cancelledAt().isEmpty() && !order.purchasedAt().isBefore(ShopCalendar.LAST_SIX_MONTHS)) {
                order.lines().forEach(line -> sold.add(line.sku()));
            }
        }
        var inStock = new TreeSet<String>();
        latestStock().forEach((key, level) -> {
            if (level.available() > 0 && !sold.contains(level.sku())) {
                inStock.add(level.sku());
            }
        });
        return inStock;
    }

    /** The articles planted as shelf warmers; every one must be among {@link #shelfWarmers()}. */
    public Set<String> plantedShelfWarmers() {
        var planted = new TreeSet<String>();
        year.articles().stream().filter(ShopYear.Article::shelfWarmer).forEach(a -> planted.add(a.sku()));
        return planted;
    }

    /** Stock at a location at the end of the year. */
    public record LocationStock(long articlesInStock, long unitsAvailable) {}

    /** Question 6: how current (year-end) stock is distributed over the locations. */
    public Map<String, LocationStock> inventoryByLocation() {
        var articles = new TreeMap<String, Long>();
        var units = new TreeMap<String, Long>();
        latestStock().values().forEach(level -> {
            units.merge(level.location(), (long) level.available(), Long::sum);
            articles.merge(level.location(), level.available() > 0 ? 1L : 0L, Long::sum);
        });
        var result = new TreeMap<String, LocationStock>();
        articles.forEach((location, count) -> result.put(location, new LocationStock(count, units.get(location))));
        return result;
    }

    private Map<String, StockLevel> latestStock() {
        var latest = new HashMap<String, StockLevel>();
        // levels are in time order, so the last one per article and location is the current one
        year.stockLevels().forEach(level -> latest.put(level.sku() + "@" + level.location(), level));
        return latest;
    }

    /**
     * The management report's KPIs of one month, as the shop's systems know them: months of purchase (of the visit,
     * for conversion), UTC.
     *
     * @param revenue what customers paid for the orders they did not cancel, shipping included
     * @param conversion the share of visits that ended in an order
     * @param returnRate the share of orders not cancelled that had an article sent back
     * @param onTimeDelivery the share of delivered parcels that arrived by the promised time
     * @param paymentFailures the share of orders whose payment failed at least once
     */
    public record Month(
            BigDecimal revenue, double conversion, double returnRate, double onTimeDelivery, double paymentFailures) {}

    /** The management report's KPIs per month of the year. */
    public Map<java.time.YearMonth, Month> months() {
        var months = new TreeMap<java.time.YearMonth, Month>();
        var orders = new TreeMap<java.time.YearMonth, List<Order>>();
        year.orders().forEach(order -> orders.computeIfAbsent(month(order.purchasedAt()), m -> new ArrayList<>())
                .add(order));
        var visits = new TreeMap<java.time.YearMonth, long[]>();
        for (Session session : year.sessions()) {
            var counts = visits.computeIfAbsent(month(session.startedAt()), m -> new long[2]);
            counts[0]++;
            counts[1] += session.orderId().isPresent() ? 1 : 0;
        }
        orders.forEach((month, placed) -> {
            var kept = placed.stream()
                    .filter(order -> order.cancelledAt().isEmpty())
                    .toList();
            var delivered = placed.stream()
                    .flatMap(order -> order.shipment().stream())
                    .filter(shipment -> shipment.deliveredAt().isPresent())
                    .toList();
            long[] visited = visits.getOrDefault(month, new long[2]);
            months.put(
                    month,
                    new Month(
                            kept.stream().map(Order::amountCharged).reduce(BigDecimal.ZERO, BigDecimal::add),
                            share(visited[1], visited[0]),
                            share(
                                    kept.stream()
                                            .filter(order -> order.goodsReturn().isPresent())
                                            .count(),
                                    kept.size()),
                            share(
                                    delivered.stream()
                                            .filter(shipment -> !shipment.late())
                                            .count(),
                                    delivered.size()),
                            share(
                                    placed.stream()
                                            .filter(order ->
                                                    order.payment().failedAt().isPresent())
                                            .count(),
                                    placed.size())));
        });
        return months;
    }

    private static java.time.YearMonth month(Instant at) {
        return java.time.YearMonth.from(at.atZone(java.time.ZoneOffset.UTC));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
