package dev.meshshop.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A domain's private analytical area: one DuckDB database file that only this domain's process writes.
 *
 * <p>The area is organised in zones, one SQL schema each: {@code raw} (events as ingested, append-only),
 * {@code quarantine} (records that could not be used, with the reason), {@code clean} (deduplicated, typed
 * events), {@code model} (the domain's SQL models, the source of its output ports) and {@code external}
 * (views over other domains' products this domain was granted).
 *
 * <p>All times in an area are UTC {@code TIMESTAMP}s.
 *
 * <p>DuckDB allows one process to open a database file for writing. The area therefore opens the file once
 * and hands out {@link #connect() connections} that share that instance.
 */
public final class DomainArea implements AutoCloseable {

    /** The zones of a domain's area, in the order data flows through them. */
    private static final List<String> ZONES = List.of("raw", "quarantine", "clean", "model", "external");

    /**
     * Records set aside, with the stage that set them aside, the rule they broke (a short name to count by,
     * such as {@code not-json} or {@code duplicate}), a reason a person can act on, where they came from and
     * their original bytes. Nothing that enters a domain is dropped: it ends up clean or here.
     */
    public static final String QUARANTINE = "quarantine.records";

    private static final String QUARANTINE_TABLE =
            """
            CREATE TABLE IF NOT EXISTS quarantine.records (
                stage           VARCHAR   NOT NULL,
                rule            VARCHAR   NOT NULL,
                reason          VARCHAR   NOT NULL,
                topic           VARCHAR,
                kafka_partition INTEGER,
                kafka_offset    BIGINT,
                event_id        VARCHAR,
                original        BLOB,
                quarantined_at  TIMESTAMP NOT NULL
            )""";

    /**
     * The raw zone: every accepted Kafka record, append-only, with its position in Kafka, its envelope fields
     * and the whole message as it arrived.
     */
    public static final String RAW_EVENTS = "raw.events";

    private static final String RAW_EVENTS_TABLE =
            """
            CREATE TABLE IF NOT EXISTS raw.events (
                topic           VARCHAR   NOT NULL,
                kafka_partition INTEGER   NOT NULL,
                kafka_offset    BIGINT    NOT NULL,
                record_key      VARCHAR,
                event_id        VARCHAR   NOT NULL,
                event_type      VARCHAR   NOT NULL,
                schema_version  INTEGER   NOT NULL,
                occurred_at     TIMESTAMP NOT NULL,
                message         VARCHAR   NOT NULL,
                ingested_at     TIMESTAMP NOT NULL
            )""";

    static final String CHECKPOINT_THRESHOLD = "512MB";

    private static final Logger log = LoggerFactory.getLogger(DomainArea.class);

    private final String domain;
    private final DuckDBConnection root;
    private final Path dir;

    private DomainArea(String domain, DuckDBConnection root, Path dir) {
        this.domain = domain;
        this.root = root;
        this.dir = dir;
    }

    /** Opens (or creates) the area of {@code domain} under the mesh's data directory. */
    public static DomainArea open(MeshLayout layout, String domain) {
        var file = layout.domainDatabase(domain);
        try {
            Folders.createPrivateDirectories(file.getParent());
            Folders.makePrivate(layout.domainDir(domain).getParent());
            var connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file);
            var area = new DomainArea(domain, connection, layout.domainDir(domain));
            area.createZones();
            area.makePrivate();
            return area;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the area of domain " + domain + " at " + file, e);
        } catch (SQLException e) {
            throw new StorageException(
                    "Cannot open the DuckDB file of domain " + domain + " at " + file
                            + ". Is another process using it? Only one process may write a domain's area.",
                    e);
        }
    }

    public String domain() {
        return domain;
    }

    /**
     * Makes the area's folder and everything in it (the DuckDB file, its write-ahead log, the work folder) readable by
     * the mesh's user only, as far as the file system has POSIX permissions. DuckDB creates its files as the process's
     * umask says; the folder itself keeps others out in between.
     */
    public void makePrivate() {
        Folders.makePrivateTree(dir);
    }

    /**
     * Writes what the write-ahead log holds into the DuckDB file and empties the log, so that the log stays as small
     * as what was written since: the platform checkpoints after every refresh. Ingest's large
     * {@code checkpoint_threshold} would otherwise let the log grow to hundreds of megabytes. A checkpoint that
     * cannot run now (DuckDB refuses while another transaction writes) is logged and left to the next one.
     *
     * @return whether the checkpoint ran
     */
    public boolean checkpoint() {
        try (var connection = connect();
                var statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
            return true;
        } catch (SQLException | StorageException e) {
            log.info("Did not checkpoint the area of domain {} this time: {}", domain, e.getMessage());
            return false;
        }
    }

    /** A new connection to the area; close it when done. Connections share one database instance. */
    public DuckDBConnection connect() {
        try {
            return (DuckDBConnection) root.duplicate();
        } catch (SQLException e) {
            throw new StorageException("Cannot connect to the area of domain " + domain, e);
        }
    }

    /** Runs {@code work} on a fresh connection and closes it afterwards. */
    public <T> T withConnection(SqlWork<T> work) {
        try (var connection = connect()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StorageException("SQL failed in the area of domain " + domain + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements in one transaction: all of them take effect, or none. */
    public void inTransaction(SqlWork<Void> work) {
        withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                work.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            return null;
        });
    }

    /** How many records the quarantine holds, by {@code <stage>/<rule>}, such as {@code clean/duplicate}. */
    public Map<String, Long> quarantinedByRule() {
        return withConnection(connection -> {
            var counts = new TreeMap<String, Long>();
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT stage || '/' || rule, count(*) FROM " + QUARANTINE + " GROUP BY ALL")) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
            return counts;
        });
    }

    /** Runs a query that returns one number, such as a count. */
    public long queryLong(String sql) {
        return withConnection(connection -> {
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                return result.next() ? result.getLong(1) : 0L;
            }
        });
    }

    /** Runs a query and returns its first column as text, one element per row, in the query's order. */
    public java.util.List<String> queryTexts(String sql) {
        return withConnection(connection -> {
            var texts = new java.util.ArrayList<String>();
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                while (result.next()) {
                    texts.add(result.getString(1));
                }
            }
            return texts;
        });
    }

    private void createZones() throws SQLException {
        try (Statement statement = root.createStatement()) {
            // Ingest commits a batch every few thousand records. With DuckDB's default threshold (16 MB of
            // write-ahead log) every few batches would also rewrite the database file, which halves ingest
            // throughput; a larger threshold checkpoints less often, and always when the area is closed.
            statement.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
            for (String zone : ZONES) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + zone);
            }
            statement.execute(RAW_EVENTS_TABLE);
            statement.execute(QUARANTINE_TABLE);
        }
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException e) {
            throw new StorageException("Cannot close the area of domain " + domain, e);
        }
    }

    /** Work against a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
