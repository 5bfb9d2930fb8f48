package dev.meshshop.platform.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LiveShopTests {

    private static final long SEED = 11;
    private static final double SCALE = 0.01;

    @Test
    void liveBusinessHappensAfterTheYearWithIdsTheYearNeverUsed() {
        var year = SimulatedShop.year(SEED, SCALE);
        var shop = new LiveShop(SEED, SCALE);
        Instant from = ShopCalendar.YEAR_END;
        var stretches = new ArrayList<ShopYear>();
        for (int i = 0; i < 20; i++) {
            stretches.add(shop.trade(from.plusSeconds(i), from.plusSeconds(i + 1), 50));
        }

        var yearIds = ids(List.of(year));
        var liveIds = ids(stretches);
        assertThat(liveIds).hasSize((int)
                stretches.stream().mapToLong(stretch -> idsOf(stretch).count()).sum());
        assertThat(liveIds).doesNotContainAnyElementsOf(yearIds);

        var sessions = stretches.stream().flatMap(s -> s.sessions().stream()).toList();
        assertThat(sessions).hasSize(20 * 50);
        assertThat(sessions).allSatisfy(session -> assertThat(session.startedAt())
                .isAfterOrEqualTo(ShopCalendar.YEAR_END)
                .isBefore(from.plusSeconds(20)));
        assertThat(stretches.stream().map(ShopYear::seed).distinct()).hasSize(20);
        assertThat(stretches.get(0).customers()).isEqualTo(year.customers());
    }

    @Test
    void whatFollowsAPurchaseHappensAtTheLivePace() {
        var shop = new LiveShop(SEED, SCALE);
        var orders = new ArrayList<Order>();
        for (int i = 0; i < 10; i++) {
            var from = ShopCalendar.YEAR_END.plusSeconds(i * 10L);
            orders.addAll(shop.trade(from, from.plusSeconds(10), 400).orders());
        }
        assertThat(orders).isNotEmpty();
        var shipped =
                orders.stream().filter(order -> order.shipment().isPresent()).toList();
        var delivered = shipped.stream()
                .filter(order -> order.shipment().orElseThrow().deliveredAt().isPresent())
                .toList();
        // nothing is cut at the year's end in live trading: every order that is not cancelled ships and arrives
        assertThat(shipped).hasSize((int)
                orders.stream().filter(order -> order.cancelledAt().isEmpty()).count());
        assertThat(delivered).hasSameSizeAs(shipped);
        assertThat(orders.stream().filter(order -> order.goodsReturn().isPresent()))
                .isNotEmpty();
        Duration longest = LiveShop.longestFollowUp();
        for (Order order : orders) {
            var last = Stream.concat(
                            Stream.of(order.payment().authorizedAt()),
                            Stream.concat(
                                    order.payment().refunds().stream().map(refund -> refund.at()),
                                    order.shipment().flatMap(shipment -> shipment.deliveredAt()).stream()))
                    .max(Instant::compareTo)
                    .orElseThrow();
            assertThat(last).isAfter(order.purchasedAt());
            assertThat(Duration.between(order.purchasedAt(), last)).isLessThan(longest);
            order.shipment().ifPresent(shipment -> assertThat(shipment.dispatchedAt())
                    .isAfter(order.purchasedAt())
                    .isBefore(order.purchasedAt().plus(Duration.ofDays(2).dividedBy(LiveShop.PACE))));
        }
    }

    @Test
    void stockGoesOnFromTheLevelsTheYearLeft() {
        var year = SimulatedShop.year(SEED, SCALE);
        var shop = new LiveShop(SEED, SCALE);
        var levels = new ArrayList<StockLevel>();
        for (int i = 0; i < 10; i++) {
            var from = ShopCalendar.YEAR_END.plusSeconds(i * 10L);
            levels.addAll(shop.trade(from, from.plusSeconds(10), 400).stockLevels());
        }
        assertThat(levels).isNotEmpty().noneMatch(level -> level.reason().equals("initial-count"));
        assertThat(levels).allSatisfy(level -> assertThat(level.sequence())
                .isGreaterThanOrEqualTo(year.stockLevels().size()));
        assertThat(levels.stream().map(StockLevel::sequence).distinct()).hasSameSizeAs(levels);
        // the first sale of an article at a location takes from what the year left there
        var first = levels.get(0);
        var leftByYear = year.stockLevels().stream()
                .filter(level ->
                        level.sku().equals(first.sku()) && level.location().equals(first.location()))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(first.available()).isLessThan(leftByYear.available()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theSameStretchesOfTheSameYearTradeTheSameBusiness() {
        var once = new LiveShop(SEED, SCALE);
        var again = new LiveShop(SEED, SCALE);
        Instant from = ShopCalendar.YEAR_END;
        for (int i = 0; i < 3; i++) {
            var a = once.trade(from.plusSeconds(i), from.plusSeconds(i + 1), 30);
            var b = again.trade(from.plusSeconds(i), from.plusSeconds(i + 1), 30);
            assertThat(b.sessions()).isEqualTo(a.sessions());
            assertThat(b.orders()).isEqualTo(a.orders());
        }
    }

    @Test
    void aStretchEndsAfterItStarts() {
        var shop = new LiveShop(SEED, SCALE);
        assertThatThrownBy(() -> shop.trade(ShopCalendar.YEAR_END, ShopCalendar.YEAR_END, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ends after it starts");
    }

    private static Set<String> ids(List<ShopYear> business) {
        var ids = new HashSet<String>();
        business.forEach(stretch -> idsOf(stretch).forEach(ids::add));
        return ids;
    }

    private static Stream<String> idsOf(ShopYear business) {
        return Stream.concat(
                business.sessions().stream()
                        .flatMap(session -> Stream.concat(
                                Stream.of(session.id()),
                                session.searches().stream().map(search -> search.id()))),
                business.orders().stream().flatMap(LiveShopTests::idsOf));
    }

    private static Stream<String> idsOf(Order order) {
        var ids = new ArrayList<String>(List.of(order.id(), order.payment().id()));
        order.payment().refunds().forEach(refund -> ids.add(refund.id()));
        order.shipment().ifPresent(shipment -> ids.add(shipment.id()));
        order.goodsReturn().ifPresent(goodsReturn -> ids.add(goodsReturn.id()));
        return ids.stream();
    }
}
