package dev.meshshop.platform.simulation;

import java.util.Iterator;
import java.util.Optional;
import java.util.function.Function;

/**
 * A domain's simulated operational system: a deterministic stream of Kafka records for a seed and a scale
 * (scale 1 is about a simulated year of business). It may plant faults on purpose, such as duplicates and
 * malformed records, so that tests can check the mesh repairs and quarantines exactly those.
 *
 * <p>A domain declares its system as a {@link DomainSimulator} bean. A system built with {@link #of} also trades
 * live: after the year it sends the records of each stretch of new business it is given ({@link #live}), so a
 * running mesh keeps receiving events.
 */
@FunctionalInterface
public interface EventSimulator {

    Iterator<SimulatedRecord> records(long seed, double scale);

    /**
     * The system of a domain that emits no events and only receives files from the outside world
     * ({@link DomainSimulator#ofFiles}): it sends nothing, in the year or live.
     */
    EventSimulator NONE = (seed, scale) -> java.util.Collections.emptyIterator();

    /**
     * The records of a stretch of live business after the year ({@link LiveShop}),
     * in the order the system sends them; empty when the system sends only the year.
     */
    default Optional<Iterator<SimulatedRecord>> live(ShopYear business) {
        return Optional.empty();
    }

    /**
     * A system that sends the events of whatever business it is given: the year of {@link SimulatedShop#year} for
     * {@link #records}, and each stretch of live trading for {@link #live}.
     */
    static EventSimulator of(Function<ShopYear, Iterator<SimulatedRecord>> system) {
        return new EventSimulator() {
            @Override
            public Iterator<SimulatedRecord> records(long seed, double scale) {
                return system.apply(SimulatedShop.year(seed, scale));
            }

            @Override
            public Optional<Iterator<SimulatedRecord>> live(ShopYear business) {
                return Optional.of(system.apply(business));
            }
        };
    }
}
