package dev.meshshop.platform.operational;

import com.fasterxml.jackson.databind.JsonNode;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change data capture from an operational database with Debezium's embedded engine: the changes of a few tables
 * of a system the domain does not change itself, read from PostgreSQL's logical WAL and handed to a sink as
 * {@link EntityChange}s, in commit order. Where the capture stopped is kept in an offsets file, so a restart
 * goes on from there; a batch the sink did not accept comes again.
 *
 * <p>What the tables must have: a primary key (the entity's key) and a {@code timestamptz} column the system
 * sets on every change ({@code timeColumn}), the entity's time of change. A delete leaves no row to read that
 * time from: its time is the commit's, from the log. The first start reads the rows already there as
 * {@code CREATED}, at their own change time. The tables' replica identity is set to {@code FULL}, so that a
 * delete carries the entity's last state.
 */
public final class ChangeCapture implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Settings settings;
    private final EntityChangeSink sink;
    private final Refusals refusals;
    private final DataSource database;
    private final Thread runner;
    private final AtomicReference<DebeziumEngine<ChangeEvent<String, String>>> engine = new AtomicReference<>();
    private volatile boolean open = true;

    /**
     * @param name names the capture's replication slot, publication and offsets: one per system
     * @param database the captured system's database
     * @param tables the captured tables (in schema {@code public}); each table's rows are one kind of entity, named
     *     like the table
     * @param timeColumn the column holding each row's time of change
     * @param offsets the file where the capture keeps its position in the log
     */
    public record Settings(
            String name,
            OperationalDatabases.Server server,
            String database,
            List<String> tables,
            String timeColumn,
            Path offsets) {

        public Settings {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "A change capture's name is lower case letters, digits and underscores, was '" + name + "'");
            }
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("Change capture " + name + " captures no table: name at least one");
            }
            for (String table : tables) {
                if (!TABLE.matcher(table).matches()) {
                    throw new IllegalArgumentException(
                            "Change capture " + name + ": '" + table + "' is not a plain table name of schema public");
                }
            }
            tables = List.copyOf(tables);
        }
    }

    /** Where a change goes that cannot be read as an entity change: the raw event and why, to be quarantined. */
    @FunctionalInterface
    public interface Refusals {

        void refuse(String event, String reason) throws Exception;
    }

    private ChangeCapture(Settings settings, DataSource database, EntityChangeSink sink, Refusals refusals) {
        this.settings = settings;
        this.database = database;
        this.sink = sink;
        this.refusals = refusals;
        this.runner = new Thread(this::run, "change-capture-" + settings.name());
        this.runner.setDaemon(true);
    }

    /**
     * Prepares the tables and starts capturing in the background.
     *
     * @param refusals takes a change that cannot be read (a row without its time of change, say), so that it is
     *     set aside with its reason and the changes behind it go on
     */
    public static ChangeCapture start(
            Settings settings, DataSource database, EntityChangeSink sink, Refusals refusals) {
        fullReplicaIdentity(settings, database);
        try {
            Files.createDirectories(settings.offsets().toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Change capture " + settings.name() + " cannot keep its offsets in " + settings.offsets() + ": "
                            + e.getMessage(),
                    e);
        }
        var capture = new ChangeCapture(settings, database, sink, refusals);
        capture.runner.start();
        return capture;
    }

    /**
     * Waits until the capture streams from the log, its first start's reading of the tables done: from then on,
     * every change of the tables is captured as it happens. A system driven right after the start waits here.
     *
     * @throws IllegalStateException when it does not stream within {@code timeout}
     */
    public void awaitStreaming(Duration timeout) {
        awaitStreaming(database, settings.name(), timeout);
    }

    /**
     * Waits until the capture named {@code name} streams from the log of {@code database}, wherever it runs: a
     * system that another process captures asks its own database, whose replication slot says so.
     *
     * @throws IllegalStateException when it does not stream within {@code timeout}
     */
    public static void awaitStreaming(DataSource database, String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (var connection = database.getConnection();
                    var slot = connection.prepareStatement(
                            "SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
                slot.setString(1, "mesh_" + name);
                try (var rows = slot.executeQuery()) {
                    if (rows.next() && rows.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(100);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "Change capture " + name + " cannot read its replication slot: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for change capture " + name, e);
            }
        }
        throw new IllegalStateException("Change capture " + name + " does not stream from its database's log after "
                + timeout.toSeconds() + " s: is the process that captures it running, with operational databases"
                + " (mesh.operational.mode)? See its log for why");
    }

    private static void fullReplicaIdentity(Settings settings, DataSource database) {
        try (var connection = database.getConnection();
                var statement = connection.createStatement()) {
            for (String table : settings.tables()) {
                try (var identity = statement.executeQuery(
                        "SELECT relreplident FROM pg_class WHERE oid = 'public." + table + "'::regclass")) {
                    if (identity.next() && !"f".equals(identity.getString(1))) {
                        statement.execute("ALTER TABLE public." + table + " REPLICA IDENTITY FULL");
                        log.info(
                                "Change capture {}: {} now logs whole rows, so deletes carry the last state",
                                settings.name(),
                                table);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Change capture " + settings.name() + " cannot prepare the tables "
                            + settings.tables() + " of " + settings.database() + ": " + e.getMessage()
                            + " (do they exist, and may " + settings.server().user() + " alter them?)",
                    e);
        }
    }

    private void run() {
        while (open) {
            var failure = new AtomicReference<Throwable>();
            var running = DebeziumEngine.create(Json.class)
                    .using(properties())
                    .using((success, message, error) -> {
                        if (!success) {
                            failure.set(error != null ? error : new IllegalStateException(message));
                        }
                    })
                    .notifying((records, committer) -> {
                        var changes = new ArrayList<EntityChange>(records.size());
                        try {
                            for (var record : records) {
                                if (record.value() == null) {
                                    continue;
                                }
                                try {
                                    changes.add(change(record.value()));
                                } catch (IOException | RuntimeException unreadable) {
                                    refusals.refuse(record.value(), unreadable.getMessage());
                                }
                            }
                            if (!changes.isEmpty()) {
                                sink.accept(changes);
                            }
                        } catch (InterruptedException e) {
                            throw e;
                        } catch (Exception e) {
                            // nothing marked processed: the engine stops, and this batch comes again at the restart
                            throw new IllegalStateException(
                                    "Change capture " + settings.name() + " could not hand on " + records.size()
                                            + " changes: " + e.getMessage(),
                                    e);
                        }
                        for (var record : records) {
                            committer.markProcessed(record);
                        }
                        committer.markBatchFinished();
                    })
                    .build();
            engine.set(running);
            running.run();
            engine.set(null);
            if (open && failure.get() != null) {
                log.warn(
                        "Change capture {} stopped, nothing lost, starting again in {} s: {}",
                        settings.name(),
                        RETRY.toSeconds(),
                        failure.get().toString());
                pause();
            } else if (open) {
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open = false;
        }
    }

    private Properties properties() {
        var server = settings.server();
        var properties = new Properties();
        properties.setProperty("name", settings.name());
        properties.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        properties.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        properties.setProperty(
                "offset.storage.file.filename", settings.offsets().toString());
        properties.setProperty("offset.flush.interval.ms", "0");
        properties.setProperty("database.hostname", server.host());
        properties.setProperty("database.port", Integer.toString(server.port()));
        properties.setProperty("database.user", server.user());
        properties.setProperty("database.password", server.password());
        properties.setProperty("database.dbname", settings.database());
        properties.setProperty("topic.prefix", settings.name());
        properties.setProperty("plugin.name", "pgoutput");
        properties.setProperty("slot.name", "mesh_" + settings.name());
        properties.setProperty("publication.name", "mesh_" + settings.name());
        properties.setProperty("publication.autocreate.mode", "filtered");
        properties.setProperty(
                "table.include.list",
                String.join(
                        ",",
                        settings.tables().stream()
                                .map(table -> "public." + table)
                                .toList()));
        properties.setProperty("tombstones.on.delete", "false");
        properties.setProperty("decimal.handling.mode", "string");
        properties.setProperty("key.converter.schemas.enable", "false");
        properties.setProperty("value.converter.schemas.enable", "false");
        properties.setProperty("errors.max.retries", "3");
        // Debezium names its JMX metrics after the capture; a second capture of the same name in this JVM (two
        // meshes in one test run) would wait a minute for the first one's names, then run without metrics
        properties.setProperty(
                "custom.metric.tags",
                "instance=" + settings.name() + "-" + Integer.toHexString(System.identityHashCode(this)));
        return properties;
    }

    /** One Debezium change event (its JSON value without schema) as an entity change. */
    EntityChange change(String value) throws IOException {
        JsonNode event = Outbox.JSON.readTree(value);
        String op = event.path("op").asText();
        var operation =
                switch (op) {
                    case "c", "r" -> EntityChange.Operation.CREATED;
                    case "u" -> EntityChange.Operation.UPDATED;
                    case "d" -> EntityChange.Operation.DELETED;
                    default ->
                        throw new IOException("Change capture " + settings.name() + ": unknown operation '" + op + "'");
                };
        JsonNode source = event.path("source");
        JsonNode row = operation == EntityChange.Operation.DELETED ? event.path("before") : event.path("after");
        String table = source.path("table").asText();
        Map<String, Object> state = new LinkedHashMap<>();
        row.fields()
                .forEachRemaining(
                        field -> state.put(field.getKey(), Outbox.JSON.convertValue(field.getValue(), Object.class)));
        String key = keyOf(table, row);
        Instant changedAt = operation == EntityChange.Operation.DELETED
                ? Instant.ofEpochMilli(source.path("ts_ms").asLong())
                : timeOf(table, key, row.path(settings.timeColumn()));
        // a snapshot's rows share its log position: the key tells them apart
        long lsn = source.path("lsn").asLong();
        String position = settings.name() + ":" + lsn + ":" + table + ":" + key;
        return new EntityChange(table, key, operation, state, changedAt, position, lsn);
    }

    private Instant timeOf(String table, String key, JsonNode time) throws IOException {
        if (time.isTextual()) {
            try {
                return Instant.parse(time.asText());
            } catch (java.time.format.DateTimeParseException e) {
                // named below
            }
        }
        throw new IOException("Change capture " + settings.name() + ": row " + key + " of " + table
                + " has no time of change in its column " + settings.timeColumn() + " (was " + time
                + "); the system must set it, as a timestamptz, on every change");
    }

    private String keyOf(String table, JsonNode row) throws IOException {
        JsonNode id = row.path("id");
        if (id.isMissingNode() || id.isNull()) {
            throw new IOException("Change capture " + settings.name() + ": table " + table
                    + " has no column 'id', the entity's key; capture only tables keyed by 'id'");
        }
        return id.asText();
    }

    @Override
    public void close() {
        open = false;
        var running = engine.get();
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                log.warn("Change capture {} did not stop cleanly: {}", settings.name(), e.getMessage());
            }
        }
        try {
            runner.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
