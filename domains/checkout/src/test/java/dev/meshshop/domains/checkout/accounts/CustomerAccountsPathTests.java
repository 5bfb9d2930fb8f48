package dev.meshshop.domains.checkout.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.domains.checkout.CheckoutDomain;
import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.simulator.CheckoutSimulator;
import dev.meshshop.domains.checkout.simulator.CustomerLives;
import dev.meshshop.domains.checkout.simulator.CustomerLives.Change;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.operational.EntityChangeEvents;
import dev.meshshop.platform.operational.EntityChangeSink;
import dev.meshshop.platform.operational.KafkaEntityChangeSink;
import dev.meshshop.platform.operational.OutboxRelay;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Checkout's customer accounts, end to end through the outbox: the accounts service changes accounts in checkout's
 * operational database (a real PostgreSQL) as the year's {@link CustomerLives} say; an outbox relay hands the
 * changes to Kafka and stops in the middle, after the broker took a batch and before the outbox marked it; a new
 * relay hands on the rest. The mesh ingests, cleans (the batch sent twice counts once, personal data is masked)
 * and publishes checkout.customer_history and checkout.customers, which must equal every change the system made,
 * in order, and the accounts its database holds at the end.
 */
@MeshPathTest
@TestPropertySource(properties = {"mesh.operational.mode=embedded", "mesh.personal-data-salt=accounts-path-test-salt"})
class CustomerAccountsPathTests {

    @RegisterExtension
    static final DomainPath checkout = DomainPath.of(CheckoutDomain.NAME);

    // about 600 customers: a few hundred changes per relay batch of 100
    static final ShopYear year = SimulatedShop.year(20251231, 0.02);
    static final int BATCH = 100;

    static List<Change> changes;
    static long handedOn;

    /** A state of an account as the history holds it: what a reader compares. */
    record State(
            String customerId,
            String postcode,
            String city,
            Instant registeredAt,
            Instant validFrom,
            Instant validTo,
            boolean closed) {}

    @BeforeAll
    static void changeTheAccountsAndRelayWithAStopInTheMiddle() throws Exception {
        // checkout publishes its products together: its orders come as events, as always
        checkout.send(new CheckoutSimulator(year, Faults.NONE, 0));
        changes = new CustomerLives(year).changes();
        var accounts = new CustomerAccounts(checkout.operationalDatabase());
        accounts.migrate();
        int half = changes.size() / 2;
        changes.subList(0, half).forEach(change -> change.applyTo(accounts));

        var sent = new AtomicLong();
        try (var producer = checkout.producer()) {
            var kafka = new KafkaEntityChangeSink(
                    producer,
                    CheckoutEvents.CUSTOMER_CHANGED,
                    new EntityChangeEvents(new EventCodec()),
                    Duration.ofSeconds(30));
            EntityChangeSink counted = batch -> {
                kafka.accept(batch);
                sent.addAndGet(batch.size());
            };
            // the first relay hands on two batches; with the third the broker has it, then the relay dies before
            // it marks the batch relayed
            var calls = new AtomicInteger();
            EntityChangeSink dying = batch -> {
                counted.accept(batch);
                if (calls.incrementAndGet() == 3) {
                    throw new IllegalStateException("the relay's process was killed");
                }
            };
            try (var first = new OutboxRelay(checkout.operationalDatabase(), dying, BATCH)) {
                assertThat(first.relayOnce()).isEqualTo(BATCH);
                assertThat(first.relayOnce()).isEqualTo(BATCH);
                assertThatThrownBy(first::relayOnce).hasMessageContaining("killed");
            }
            // the system goes on while no relay runs
            changes.subList(half, changes.size()).forEach(change -> change.applyTo(accounts));
            try (var second = new OutboxRelay(checkout.operationalDatabase(), counted, BATCH)) {
                second.drain();
            }
        }
        handedOn = sent.get();
        checkout.countSent(handedOn);
        checkout.refresh();
    }

    @Test
    void theRelayHandedOneBatchOnTwiceAndCleaningCountedItOnce() {
        assertThat(handedOn).isEqualTo(changes.size() + BATCH);
        assertThat(checkout.area().queryLong("SELECT count(*) FROM clean.customer_changed"))
                .isEqualTo(changes.size());
        checkout.assertNothingVanished(checkout.sent());
    }

    @Test
    void theHistoryIsEveryChangeOfEveryAccountInOrder() {
        var expected = expectedHistory();
        assertThat(expected.stream().filter(State::closed)).isNotEmpty();
        assertThat(expected.size()).isGreaterThan(year.customers().size());
        var published = checkout
                .products()
                .records(
                        """
                        SELECT customer_id, postcode, city, registered_at, valid_from, valid_to, closed
                        FROM checkout.customer_history ORDER BY customer_id, valid_from""",
                        Row.class)
                .stream()
                .map(Row::state)
                .toList();
        assertThat(published).containsExactlyElementsOf(expected);
    }

    @Test
    void theLatestStatesAreTheOpenAccountsTheSystemHolds() {
        var inDatabase = JdbcClient.create(checkout.operationalDatabase())
                .sql("SELECT id, postcode, city FROM customer_account ORDER BY id")
                .query((row, number) -> List.of(row.getString(1), row.getString(2), row.getString(3)))
                .list();
        assertThat(inDatabase).hasSize(year.customers().size() - (int) count(Change.Kind.CLOSED));
        var published = checkout.products()
                .rows("SELECT customer_id, postcode, city FROM checkout.customers ORDER BY customer_id");
        assertThat(published).isEqualTo(inDatabase);
    }

    @Test
    void personalDataIsMaskedBeforeTheCleanZoneAndNeverPublished() {
        var area = checkout.area();
        assertThat(area.queryLong("SELECT count(*) FROM clean.customer_changed c WHERE CAST(c AS VARCHAR) LIKE '%@%'"
                        + " OR NOT regexp_full_match(email_hash, '[0-9a-f]{64}')"))
                .isZero();
        var customer = year.customers().get(0);
        for (String personal : List.of(customer.name(), customer.phone())) {
            assertThat(area.queryLong("SELECT count(*) FROM clean.customer_changed c WHERE CAST(c AS VARCHAR) LIKE '%"
                            + personal.replace("'", "''") + "%'"))
                    .as(personal)
                    .isZero();
        }
        assertThat(checkout.cleaning().changed())
                .containsEntry("masked/CustomerChanged /state/email hashed", (long) changes.size())
                .containsEntry("masked/CustomerChanged /state/street dropped", (long) changes.size());
    }

    @Test
    void productsFulfilTheirContractsAndTheMeshsPolicies() {
        checkout.assertEveryProductPassedTheGates();
    }

    /** The history the changes make: one state per registration and move, ended by the next change. */
    static List<State> expectedHistory() {
        var byAccount = new LinkedHashMap<String, List<Change>>();
        changes.forEach(change -> byAccount
                .computeIfAbsent(change.account().id(), id -> new ArrayList<>())
                .add(change));
        var states = new ArrayList<State>();
        for (Map.Entry<String, List<Change>> account : byAccount.entrySet()) {
            var its = account.getValue();
            for (int i = 0; i < its.size(); i++) {
                var change = its.get(i);
                if (change.kind() == Change.Kind.CLOSED) {
                    continue;
                }
                var next = i + 1 < its.size() ? its.get(i + 1) : null;
                states.add(new State(
                        account.getKey(),
                        change.account().address().postcode(),
                        change.account().address().city(),
                        change.account().registeredAt(),
                        change.at(),
                        next == null ? null : next.at(),
                        next != null && next.kind() == Change.Kind.CLOSED));
            }
        }
        states.sort(Comparator.comparing(State::customerId).thenComparing(State::validFrom));
        return states;
    }

    static long count(Change.Kind kind) {
        return changes.stream().filter(change -> change.kind() == kind).count();
    }

    /** A row of checkout.customer_history as JDBC reads it. */
    record Row(
            String customerId,
            String postcode,
            String city,
            java.sql.Timestamp registeredAt,
            java.sql.Timestamp validFrom,
            java.sql.Timestamp validTo,
            Boolean closed) {

        State state() {
            return new State(
                    customerId,
                    postcode,
                    city,
                    instant(registeredAt),
                    instant(validFrom),
                    validTo == null ? null : instant(validTo),
                    closed);
        }

        /** DuckDB's TIMESTAMP has no zone; the mesh writes UTC. */
        private static Instant instant(java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        }
    }
}
