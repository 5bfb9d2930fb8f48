package dev.meshshop.platform.operational;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the changes recorded in an {@link Outbox} to a sink, oldest first, and marks them relayed in the same
 * transaction that read them. A change is marked only after the sink accepted it, so a relay that stops (or a
 * sink that fails) between the two hands it on again: at-least-once, with the outbox row's id as the stable
 * position by which a repeat is recognised.
 *
 * <p>Rows are read in id order and locked while they are handed on, so two relays on one outbox do not
 * interleave. Changes of one entity keep their order: the system updates the entity's row before it records the
 * change, so a second transaction on that entity waits for the first to commit and gets the larger id. A row
 * committed late with a smaller id than one already relayed is not skipped: the relay asks for rows not yet
 * relayed, not for ids above a mark.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() {};

    private final DataSource dataSource;
    private final EntityChangeSink sink;
    private final int batchSize;
    private ScheduledExecutorService schedule;
    private volatile String lastFailure;

    public OutboxRelay(DataSource dataSource, EntityChangeSink sink, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "An outbox relay hands on at least one change at a time, was " + batchSize);
        }
        this.dataSource = dataSource;
        this.sink = sink;
        this.batchSize = batchSize;
    }

    /**
     * Hands on one batch of waiting changes.
     *
     * @return how many changes the sink accepted; 0 when nothing waited
     * @throws Exception what the sink threw; nothing was marked relayed, the same changes come again
     */
    public int relayOnce() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                var changes = waiting(connection);
                if (!changes.isEmpty()) {
                    sink.accept(changes);
                    markRelayed(connection, changes);
                }
                connection.commit();
                return changes.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Relays until nothing waits; for tests and for a system's shutdown. */
    public long drain() throws Exception {
        long relayed = 0;
        int batch;
        while ((batch = relayOnce()) > 0) {
            relayed += batch;
        }
        return relayed;
    }

    /** Relays in the background every {@code interval}; a failing sink is logged and tried again next time. */
    public synchronized void start(Duration interval) {
        if (schedule != null) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(this::relayQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void relayQuietly() {
        try {
            while (relayOnce() == batchSize) {
                // more may wait
            }
            if (lastFailure != null) {
                log.info("Outbox relay: handing on again after: {}", lastFailure);
                lastFailure = null;
            }
        } catch (Exception e) {
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!failure.equals(lastFailure)) {
                log.warn("Outbox relay: could not hand on changes, nothing lost, trying again: {}", failure);
            }
            lastFailure = failure;
        }
    }

    private List<EntityChange> waiting(Connection connection) throws SQLException {
        var changes = new ArrayList<EntityChange>();
        try (var select = connection.prepareStatement(
                """
                SELECT id, entity, entity_key, operation, state, changed_at FROM mesh_outbox
                WHERE relayed_at IS NULL ORDER BY id LIMIT ? FOR UPDATE""")) {
            select.setInt(1, batchSize);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    Map<String, Object> state;
                    try {
                        state = Outbox.JSON.readValue(rows.getString("state"), STATE);
                    } catch (java.io.IOException e) {
                        throw new SQLException("Outbox row " + rows.getLong("id") + " holds no JSON state", e);
                    }
                    changes.add(new EntityChange(
                            rows.getString("entity"),
                            rows.getString("entity_key"),
                            EntityChange.Operation.valueOf(rows.getString("operation")),
                            state,
                            rows.getTimestamp("changed_at").toInstant(),
                            "outbox:" + rows.getLong("id"),
                            rows.getLong("id")));
                }
            }
        }
        return changes;
    }

    private static void markRelayed(Connection connection, List<EntityChange> changes) throws SQLException {
        Long[] ids = changes.stream().map(EntityChange::sequence).toArray(Long[]::new);
        try (var update = connection.prepareStatement("UPDATE mesh_outbox SET relayed_at = now() WHERE id = ANY (?)")) {
            update.setArray(1, connection.createArrayOf("bigint", ids));
            update.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdown();
            try {
                schedule.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            schedule = null;
        }
    }
}
