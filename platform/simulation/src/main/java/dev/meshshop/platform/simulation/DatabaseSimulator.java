package dev.meshshop.platform.simulation;

import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;

/**
 * A domain's simulated operational system that keeps its entities in a database of its own, as a shop's code
 * does: its services change the entities in transactions, and the changes leave the system as events, through an
 * outbox the system relays itself (or, for a system the domain treats as one it cannot change, through change data
 * capture, which the platform runs). Deterministic for the year it is given.
 *
 * <p>A domain declares it beside its events: {@code new DomainSimulator(NAME, events).withDatabase(system)}.
 */
@FunctionalInterface
public interface DatabaseSimulator {

    /**
     * Creates the system's tables where they are missing, runs {@code year}'s business on them through the system's
     * services, and returns once every change it relays itself left the system as an event that the broker
     * acknowledged.
     *
     * @param database the domain's operational database
     * @param producer where the system's relay sends; the caller closes it
     * @return the events the system sent itself; for a {@link #captured} system, the changes it made
     */
    long run(ShopYear year, DataSource database, Producer<String, byte[]> producer);

    /**
     * Whether the platform captures this system's changes from its database's log (change data capture) instead of
     * the system relaying them. {@link #run} then returns how many changes it made, and the simulation waits until
     * that many more records reached the domain's topics.
     */
    default boolean captured() {
        return false;
    }
}
