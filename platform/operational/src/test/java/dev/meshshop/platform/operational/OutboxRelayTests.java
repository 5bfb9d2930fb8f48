package dev.meshshop.platform.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshshop.platform.operational.EntityChange.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox on a real PostgreSQL: a change leaves the system if and only if its transaction
 * committed, in the order the entity changed, also when the relay stops in the middle or its sink fails.
 */
class OutboxRelayTests extends WithOperationalDatabases {

    /** A shop's customer register that publishes its changes itself, through the outbox. */
    static final class Customers {

        final JdbcTemplate jdbc;
        final Outbox outbox;
        final TransactionTemplate transactions;
        final List<String> truth = new ArrayList<>();
        Instant clock = Instant.parse("2025-03-01T10:00:00Z");

        Customers(DataSource database) {
            jdbc = new JdbcTemplate(database);
            outbox = new Outbox(database);
            transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
            jdbc.execute("CREATE TABLE customers (id text PRIMARY KEY, city text NOT NULL)");
            outbox.createTable();
        }

        void register(String id, String city) {
            change(id, city, Operation.CREATED, () -> jdbc.update("INSERT INTO customers VALUES (?, ?)", id, city));
        }

        void move(String id, String city) {
            change(
                    id,
                    city,
                    Operation.UPDATED,
                    () -> jdbc.update("UPDATE customers SET city = ? WHERE id = ?", city, id));
        }

        void erase(String id) {
            String city = jdbc.queryForObject("SELECT city FROM customers WHERE id = ?", String.class, id);
            change(id, city, Operation.DELETED, () -> jdbc.update("DELETE FROM customers WHERE id = ?", id));
        }

        /** A move that fails after it was recorded: the transaction rolls back, entity and outbox row alike. */
        void moveButFail(String id, String city) {
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                        jdbc.update("UPDATE customers SET city = ? WHERE id = ?", city, id);
                        outbox.record("customer", id, Operation.UPDATED, Map.of("id", id, "city", city), clock);
                        throw new IllegalStateException("the address check failed");
                    }))
                    .hasMessage("the address check failed");
        }

        private void change(String id, String city, Operation operation, Runnable write) {
            clock = clock.plus(Duration.ofHours(5));
            Instant at = clock;
            transactions.executeWithoutResult(status -> {
                write.run();
                outbox.record("customer", id, operation, Map.of("id", id, "city", city), at);
            });
            truth.add(id + " " + operation + " " + city + " " + at);
        }
    }

    static List<String> history(List<EntityChange> delivered) {
        return once(delivered).stream()
                .map(change -> change.key() + " " + change.operation() + " "
                        + change.state().get("city") + " " + change.changedAt())
                .toList();
    }

    @Test
    void onlyCommittedChangesLeaveInTheirOrderAcrossARestartOfTheRelay() throws Exception {
        var database = databases.database("shop_restart");
        var customers = new Customers(database);
        customers.register("c-1", "Berlin");
        customers.register("c-2", "Hamburg");
        customers.moveButFail("c-1", "Atlantis");
        customers.move("c-1", "Munich");
        var delivered = new CopyOnWriteArrayList<EntityChange>();

        try (var relay = new OutboxRelay(database, delivered::addAll, 2)) {
            assertThat(relay.relayOnce()).isEqualTo(2);
        } // stopped in the middle: one change still waits
        assertThat(customers.outbox.waiting()).isEqualTo(1);
        customers.erase("c-2");
        customers.move("c-1", "Cologne");
        try (var relay = new OutboxRelay(database, delivered::addAll, 2)) {
            assertThat(relay.drain()).isEqualTo(3);
        }

        assertThat(delivered).hasSize(customers.truth.size());
        assertThat(history(delivered)).containsExactlyElementsOf(customers.truth);
        assertThat(history(delivered)).noneMatch(line -> line.contains("Atlantis"));
        assertThat(customers.outbox.waiting()).isZero();
    }

    @Test
    void aBatchTheSinkDidNotTakeComesAgainInTheBackground() throws Exception {
        var database = databases.database("shop_refusing");
        var customers = new Customers(database);
        customers.register("c-1", "Berlin");
        customers.move("c-1", "Bonn");
        var calls = new AtomicInteger();
        var delivered = new CopyOnWriteArrayList<EntityChange>();
        EntityChangeSink failingTwice = changes -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("the broker is away");
            }
            delivered.addAll(changes);
        };

        try (var relay = new OutboxRelay(database, failingTwice, 10)) {
            relay.start(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 2);
            customers.erase("c-1");
            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.size() == 3);
        }

        assertThat(history(delivered)).containsExactlyElementsOf(customers.truth);
        assertThat(delivered).extracting(EntityChange::position).doesNotHaveDuplicates();
    }

    @Test
    void aStateWithAnEmptyColumnIsHandedOn() throws Exception {
        var database = databases.database("shop_nulls");
        var outbox = new Outbox(database);
        outbox.createTable();
        var state = new java.util.HashMap<String, Object>();
        state.put("id", "c-9");
        state.put("phone", null);
        outbox.record("customer", "c-9", Operation.CREATED, state, Instant.parse("2025-05-05T05:00:00Z"));
        var delivered = new CopyOnWriteArrayList<EntityChange>();

        try (var relay = new OutboxRelay(database, delivered::addAll, 10)) {
            assertThat(relay.drain()).isEqualTo(1);
        }

        assertThat(delivered.get(0).state()).containsEntry("phone", null).containsEntry("id", "c-9");
    }

    @Test
    void aRelayHandsOnAtLeastOneChangeAtATime() {
        assertThatThrownBy(() -> new OutboxRelay(databases.database("shop_none"), changes -> {}, 0))
                .hasMessageContaining("at least one change");
    }
}
