package dev.meshshop.domains.{{domain}}.simulator;

import dev.meshshop.domains.{{domain}}.events.ActivityRecorded;
import dev.meshshop.domains.{{domain}}.events.{{Domain}}Events;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.RecordStream;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Customer;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operational system, simulated: a stub that records one activity for every order of the shop's year
 * ({@link SimulatedShop#year}), when the order is purchased. Make it send what your system really sends, from the
 * same year, so that your products join with the other domains' ones; keep it deterministic for a seed.
 *
 * <p>{@link RecordStream} puts each event in the platform's envelope and plants the faults every system's delivery
 * has (duplicates, malformed records); {@link #truth()} counts what was sent, so tests can compare.
 */
public final class {{Domain}}Simulator extends RecordStream {

    private final List<Order> orders;
    private final Map<String, Customer> customers = new HashMap<>();
    private int next;
    private long activities;

    /** The shop's year for {@code seed} and {@code scale}, with the delivery faults of a typical year. */
    public {{Domain}}Simulator(long seed, double scale) {
        this(SimulatedShop.year(seed, scale), Faults.TYPICAL);
    }

    public {{Domain}}Simulator(ShopYear year, Faults faults) {
        super(year.seed(), faults, {{Domain}}Events.ACTIVITY_RECORDED.topic());
        this.orders = year.orders();
        year.customers().forEach(customer -> customers.put(customer.id(), customer));
    }

    /** What the records sent so far planted; complete once they are exhausted. */
    public {{Domain}}Truth truth() {
        return new {{Domain}}Truth(tally(), activities);
    }

    @Override
    protected boolean emitNext() {
        if (next == orders.size()) {
            return false;
        }
        var order = orders.get(next++);
        var customer = customers.get(order.customerId());
        send(
                {{Domain}}Events.ACTIVITY_RECORDED,
                order.id(),
                order.purchasedAt(),
                new ActivityRecorded("act-" + order.id(), order.id(), customer.id(), customer.email(), order.total()));
        activities++;
        return true;
    }
}
