package dev.meshshop.domains.checkout.simulator;

import dev.meshshop.domains.checkout.accounts.CustomerAccounts;
import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.operational.EntityChangeEvents;
import dev.meshshop.platform.operational.KafkaEntityChangeSink;
import dev.meshshop.platform.operational.OutboxRelay;
import dev.meshshop.platform.simulation.DatabaseSimulator;
import dev.meshshop.platform.simulation.ShopYear;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkout's customer accounts, simulated: the year's {@link CustomerLives} go through the accounts service
 * ({@link CustomerAccounts}) one operation at a time, as the shop's code would make them; then the system's outbox
 * relay hands every recorded change to checkout's {@code CustomerChanged} topic. A database that already holds the
 * year's accounts (a mesh started again) is not written twice: only what the relay has not handed on yet leaves.
 */
public final class CustomerAccountsSimulator implements DatabaseSimulator {

    private static final Logger log = LoggerFactory.getLogger(CustomerAccountsSimulator.class);

    /** How many changes the relay hands on at once. */
    static final int RELAY_BATCH = 500;

    /** How long the relay waits for the broker to acknowledge a batch. */
    static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(30);

    @Override
    public long run(ShopYear year, DataSource database, Producer<String, byte[]> producer) {
        var accounts = new CustomerAccounts(database);
        accounts.migrate();
        long recorded = accounts.changesRecorded();
        if (recorded == 0) {
            new CustomerLives(year).changes().forEach(change -> change.applyTo(accounts));
        } else {
            log.info("Checkout's customer accounts hold {} changes already: the year is not made again", recorded);
        }
        var sink = new KafkaEntityChangeSink(
                producer,
                CheckoutEvents.CUSTOMER_CHANGED,
                new EntityChangeEvents(new EventCodec()),
                ACKNOWLEDGED_WITHIN);
        try (var relay = new OutboxRelay(database, sink, RELAY_BATCH)) {
            return relay.drain();
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Checkout's outbox relay could not hand on the customer accounts' changes: " + e.getMessage(), e);
        }
    }
}
