package dev.meshshop.platform.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.meshshop.platform.simulation.ShopYear.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class SimulatedShopTests {

    @Test
    void theSameSeedSimulatesTheSameYear() {
        var first = SimulatedShop.year(7, 0.01);
        var again = SimulatedShop.year(8, 0.01);
        again = SimulatedShop.year(7, 0.01);
        assertThat(again.orders()).isEqualTo(first.orders());
        assertThat(again.sessions()).isEqualTo(first.sessions());
        assertThat(SimulatedShop.year(8, 0.01).orders()).isNotEqualTo(first.orders());
    }

    @Test
    void everyHourOfTheYearHasAVisitWhateverTheScale() {
        var year = SimulatedShop.year(7, 0.001);
        var hours = new HashSet<Long>();
        for (Session session : year.sessions()) {
            hours.add(Duration.between(ShopCalendar.YEAR_START, session.startedAt())
                    .toHours());
        }
        assertThat(hours).hasSize(ShopCalendar.HOURS);
    }

    @Test
    void theYearsEffectsHaveThePlantedSizesAtScaleOne() {
        var truths = SimulatedShop.year(42, 1).truths();

        var freeShipping = truths.blackWeekFreeShipping();
        double lift =
                freeShipping.get(true).conversion() / freeShipping.get(false).conversion();
        assertThat(lift).isCloseTo(SimulatedShop.Effects.FREE_SHIPPING_CONVERSION_LIFT, within(0.12));

        var pages = truths.productPageTest();
        assertThat(pages.get("B").conversion() / pages.get("A").conversion())
                .isCloseTo(SimulatedShop.Effects.PRODUCT_PAGE_B_CONVERSION_LIFT, within(0.05));
        assertThat(truths.returnRateByVariant().get("A")).isCloseTo(SimulatedShop.Effects.RETURN_RATE_A, within(0.01));
        assertThat(truths.returnRateByVariant().get("B")).isCloseTo(SimulatedShop.Effects.RETURN_RATE_B, within(0.01));

        var options = truths.shippingOptions();
        assertThat(options.get(ShippingOption.RELIABLE).onTimeShare()).isGreaterThan(0.95);
        assertThat(options.get(ShippingOption.STANDARD).onTimeShare()).isCloseTo(0.78, within(0.02));
        assertThat(options.get(ShippingOption.RELIABLE).meanDeliveryDays())
                .isGreaterThan(options.get(ShippingOption.STANDARD).meanDeliveryDays());
        assertThat(options.get(ShippingOption.RELIABLE).reorderShare())
                .isGreaterThan(options.get(ShippingOption.STANDARD).reorderShare());

        assertThat(truths.blackWeekShipping().get(ShippingOption.STANDARD).onTimeShare())
                .isLessThan(truths.shippingOutsideBlackWeek()
                                .get(ShippingOption.STANDARD)
                                .onTimeShare()
                        - 0.2);

        // at scale 1 every other article sells in the last six months: the shelf warmers are exactly the planted
        assertThat(truths.shelfWarmers()).isEqualTo(truths.plantedShelfWarmers());
        assertThat(truths.plantedShelfWarmers()).hasSize(SimulatedShop.Effects.SHELF_WARMERS);
        assertThat(truths.inventoryByLocation()).containsOnlyKeys(SimulatedShop.LOCATIONS);
    }

    @Test
    void refusesAScaleThatIsNotPositive() {
        assertThatThrownBy(() -> SimulatedShop.year(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Scale must be positive");
    }

    @Test
    void nothingHappensAfterTheYearEnds() {
        var year = SimulatedShop.year(7, 0.05);
        for (var order : year.orders()) {
            assertThat(order.purchasedAt()).isBefore(ShopCalendar.YEAR_END);
            order.shipment().flatMap(shipment -> shipment.deliveredAt()).ifPresent(at -> assertThat(at)
                    .isBefore(ShopCalendar.YEAR_END));
            order.payment().refunds().forEach(refund -> assertThat(refund.at()).isBefore(ShopCalendar.YEAR_END));
        }
        assertThat(year.stockLevels())
                .allSatisfy(level -> assertThat(level.at()).isBefore(ShopCalendar.YEAR_END));
        assertThat(year.stockLevels())
                .allSatisfy(level -> assertThat(level.available()).isNotNegative());
        Instant first = year.sessions().get(0).startedAt();
        assertThat(first).isAfterOrEqualTo(ShopCalendar.YEAR_START);
    }

    @Test
    void parcelsLeaveAfterThePurchaseAndArriveAfterTheyLeft() {
        var year = SimulatedShop.year(11, 0.2);
        long shipped = 0;
        for (var order : year.orders()) {
            var shipment = order.shipment().orElse(null);
            if (shipment == null) {
                continue;
            }
            shipped++;
            assertThat(shipment.dispatchedAt()).isAfter(order.purchasedAt());
            shipment.deliveredAt().ifPresent(delivered -> assertThat(delivered)
                    .as(order.id() + " " + order.shippingOption())
                    .isAfterOrEqualTo(shipment.dispatchedAt().plus(Duration.ofHours(4))));
        }
        assertThat(shipped).isGreaterThan(1000);
        // express keeps its one-day promise about as often as planted, for it leaves within hours
        assertThat(year.truths().shippingOptions().get(ShippingOption.EXPRESS).onTimeShare())
                .isCloseTo(ShippingOption.EXPRESS.onTimeRate(), within(0.03));
    }
}
