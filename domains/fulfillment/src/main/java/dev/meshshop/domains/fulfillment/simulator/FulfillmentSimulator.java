package dev.meshshop.domains.fulfillment.simulator;

import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.domains.fulfillment.events.InventoryUpdated;
import dev.meshshop.domains.fulfillment.events.ReturnReceived;
import dev.meshshop.domains.fulfillment.events.ShipmentDelivered;
import dev.meshshop.domains.fulfillment.events.ShipmentDispatched;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.RecordStream;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.GoodsReturn;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.Shipment;
import dev.meshshop.platform.simulation.ShopYear.StockLevel;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fulfillment's operational system, simulated: the warehouses' stock readings and the parcels of the shop's
 * simulated year ({@link SimulatedShop#year}), as the events fulfillment emits, in the order they happen.
 *
 * <ul>
 *   <li>{@code InventoryUpdated} for every change of an article's stock at a location;
 *   <li>{@code ShipmentDispatched} and, once it arrived, {@code ShipmentDelivered} for every order that shipped;
 *   <li>{@code ReturnReceived} for every article sent back.
 * </ul>
 *
 * <p>Besides the delivery {@link Faults} every system has, the warehouses' scanners have a firmware bug: now
 * and then ({@code negativeReadings}, per stock change after the initial count) a scanner with firmware 4.1
 * reports a negative stock level a few seconds before the correct reading of the same article and location. Deterministic for a
 * seed; what was planted is in {@link #truth()}.
 */
public final class FulfillmentSimulator {

    /** The share of stock changes after which a scanner reported a negative level in a typical year. */
    public static final double TYPICAL_NEGATIVE_READINGS = 0.002;

    private final Supplier<ShopYear> business;
    private final Faults faults;
    private final double negativeReadingRate;

    public FulfillmentSimulator(long seed, double scale) {
        this(seed, scale, Faults.TYPICAL, TYPICAL_NEGATIVE_READINGS);
    }

    /**
     * @param faults how often delivery duplicates a record or follows one with a malformed record
     * @param negativeReadings how often, per stock change after the initial count, a scanner reports a negative
     *     level first
     */
    public FulfillmentSimulator(long seed, double scale, Faults faults, double negativeReadings) {
        this(() -> SimulatedShop.year(seed, scale), faults, negativeReadings);
    }

    /** The warehouses of {@code business}: the year, or a stretch of live trading after it. */
    public FulfillmentSimulator(ShopYear business, Faults faults, double negativeReadings) {
        this(() -> business, faults, negativeReadings);
    }

    private FulfillmentSimulator(Supplier<ShopYear> business, Faults faults, double negativeReadings) {
        if (negativeReadings < 0 || negativeReadings >= 1) {
            throw new IllegalArgumentException(
                    "The rate of negative readings is a probability in [0, 1), was " + negativeReadings);
        }
        this.business = business;
        this.faults = faults;
        this.negativeReadingRate = negativeReadings;
    }

    /** The records, in the order the operational system sends them. */
    public RecordStream records() {
        return new Records(business.get());
    }

    /** What {@link #records()} plants, found by sending them once into the void. */
    public FulfillmentTruth truth() {
        var records = new Records(business.get());
        var delivery = records.drain();
        return new FulfillmentTruth(
                delivery,
                records.stockChanges,
                records.negativeReadings,
                records.dispatched,
                records.delivered,
                records.returned);
    }

    /** Something the operational system reports, at the time it happens. */
    private record Happening(Instant at, Runnable report) {}

    private final class Records extends RecordStream {

        private final List<Happening> happenings;
        private int next;
        long stockChanges;
        long negativeReadings;
        long dispatched;
        long delivered;
        long returned;

        Records(ShopYear year) {
            super(year.seed(), faults, FulfillmentEvents.INVENTORY_UPDATED.topic());
            var all = new ArrayList<Happening>();
            for (StockLevel level : year.stockLevels()) {
                all.add(new Happening(level.at(), () -> stockChanged(level)));
            }
            for (Order order : year.orders()) {
                order.shipment().ifPresent(shipment -> {
                    all.add(new Happening(shipment.dispatchedAt(), () -> dispatched(order, shipment)));
                    shipment.deliveredAt()
                            .ifPresent(at -> all.add(new Happening(at, () -> delivered(order, shipment, at))));
                    order.goodsReturn()
                            .ifPresent(goodsReturn -> all.add(
                                    new Happening(goodsReturn.receivedAt(), () -> received(order, goodsReturn))));
                });
            }
            // a stable sort: what happened at the same instant is reported in the order the year lists it
            all.sort(Comparator.comparing(Happening::at));
            this.happenings = all;
        }

        @Override
        protected boolean emitNext() {
            if (next == happenings.size()) {
                return false;
            }
            happenings.get(next++).report().run();
            return true;
        }

        private void stockChanged(StockLevel level) {
            String key = level.location() + "/" + level.sku();
            if (!level.reason().equals("initial-count") && random().nextDouble() < negativeReadingRate) {
                Instant misread = level.at().minusSeconds(2 + random().nextInt(20));
                int negative = -(1 + random().nextInt(50));
                send(
                        FulfillmentEvents.INVENTORY_UPDATED,
                        key,
                        misread,
                        new InventoryUpdated(
                                level.sku(), level.location(), negative, level.reason(), level.sequence()));
                negativeReadings++;
            }
            send(
                    FulfillmentEvents.INVENTORY_UPDATED,
                    key,
                    level.at(),
                    new InventoryUpdated(
                            level.sku(), level.location(), level.available(), level.reason(), level.sequence()));
            stockChanges++;
        }

        private void dispatched(Order order, Shipment shipment) {
            send(
                    FulfillmentEvents.SHIPMENT_DISPATCHED,
                    order.id(),
                    shipment.dispatchedAt(),
                    new ShipmentDispatched(
                            shipment.id(),
                            order.id(),
                            shipment.location(),
                            shipment.carrier(),
                            order.shippingOption().wireName(),
                            shipment.promisedBy()));
            dispatched++;
        }

        private void delivered(Order order, Shipment shipment, Instant at) {
            send(
                    FulfillmentEvents.SHIPMENT_DELIVERED,
                    order.id(),
                    at,
                    new ShipmentDelivered(shipment.id(), order.id()));
            delivered++;
        }

        private void received(Order order, GoodsReturn goodsReturn) {
            send(
                    FulfillmentEvents.RETURN_RECEIVED,
                    order.id(),
                    goodsReturn.receivedAt(),
                    new ReturnReceived(
                            goodsReturn.id(),
                            order.id(),
                            goodsReturn.sku(),
                            goodsReturn.quantity(),
                            goodsReturn.reason()));
            returned++;
        }
    }
}
