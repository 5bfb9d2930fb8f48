package dev.meshshop.platform.operational;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server the domains' operational systems keep their state in: one database per domain, which
 * that domain's system alone writes. In the embedded mesh the server runs from the PostgreSQL binaries Maven
 * brings, with its files under {@code <data-dir>/operational/postgres} so that the shop's state survives a
 * restart; in compose it is the {@code postgres} service. Either way the server writes a logical WAL, so that
 * change data capture can read it.
 */
public final class OperationalDatabases implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OperationalDatabases.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final Server server;
    private final EmbeddedPostgres embedded;
    private final Map<String, HikariDataSource> dataSources = new ConcurrentHashMap<>();

    /** Where a database lies and how to log in to it: what JDBC and Debezium both need. */
    public record Server(String host, int port, String user, String password) {

        @Override
        public String toString() {
            return "Server[" + user + "@" + host + ":" + port + "]";
        }
    }

    private OperationalDatabases(Server server, EmbeddedPostgres embedded) {
        this.server = server;
        this.embedded = embedded;
    }

    /**
     * Starts PostgreSQL in this process's machine, with its files in {@code directory} (kept as they are if they
     * exist). Takes a few seconds the first time, when the cluster is created.
     */
    public static OperationalDatabases embedded(Path directory) {
        try {
            Files.createDirectories(directory);
            long started = System.nanoTime();
            var postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve("data"))
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                    .setPgBinaryResolver(OperationalDatabases::binaries)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "10")
                    .setServerConfig("max_wal_senders", "10")
                    .start();
            log.info(
                    "Operational databases: PostgreSQL on port {}, files in {}, up in {} ms",
                    postgres.getPort(),
                    directory,
                    (System.nanoTime() - started) / 1_000_000);
            return new OperationalDatabases(
                    new Server("localhost", postgres.getPort(), "postgres", "postgres"), postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not start the embedded PostgreSQL in " + directory
                            + ": check that the directory is writable and not used by another mesh",
                    e);
        }
    }

    /**
     * The PostgreSQL binaries as zonky finds them, except that two copies of the same binaries jar count as one: an
     * application jar that names its libraries in its manifest (apps/local's, on another module's class path) puts
     * each of them on the class path twice, and zonky refuses to choose. The copies are the same file: take the
     * first.
     */
    static InputStream binaries(String system, String hardware) throws IOException {
        try {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, hardware);
        } catch (IllegalStateException duplicate) {
            if (duplicate.getMessage() == null || !duplicate.getMessage().startsWith("Duplicate")) {
                throw duplicate;
            }
            String name = String.format("postgres-%s-%s.txz", system, ArchUtils.normalize(hardware))
                    .toLowerCase(Locale.ROOT);
            URL first = OperationalDatabases.class.getClassLoader().getResource(name);
            if (first == null) {
                throw duplicate;
            }
            log.info("Operational databases: the PostgreSQL binaries are on the class path twice; using {}", first);
            return first.openStream();
        }
    }

    /** A PostgreSQL server that runs elsewhere (compose's {@code postgres} service); it must write a logical WAL. */
    public static OperationalDatabases external(Server server) {
        return new OperationalDatabases(server, null);
    }

    public Server server() {
        return server;
    }

    /**
     * The database of {@code domain}'s operational system, created the first time it is asked for: a small pool of
     * connections (a system opens a transaction per business operation, and a new connection each time would cost
     * more than the operation), closed with this object.
     */
    public DataSource database(String domain) {
        if (!DATABASE_NAME.matcher(domain).matches()) {
            throw new IllegalArgumentException("An operational database is named after its domain in lower case"
                    + " letters, digits and underscores, was '" + domain + "'");
        }
        return dataSources.computeIfAbsent(domain, this::createIfMissing);
    }

    private HikariDataSource createIfMissing(String name) {
        try (var connection = dataSource("postgres").getConnection();
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + name);
                    }
                    log.info("Operational databases: created the database {}", name);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not create the operational database '" + name + "' on " + server + ": " + e.getMessage(), e);
        }
        var pool = new HikariConfig();
        pool.setDataSource(dataSource(name));
        pool.setPoolName("operational-" + name);
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(10_000);
        return new HikariDataSource(pool);
    }

    private DataSource dataSource(String database) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {server.host()});
        dataSource.setPortNumbers(new int[] {server.port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        dataSource.setConnectTimeout(10);
        dataSource.setSocketTimeout(60);
        return dataSource;
    }

    @Override
    public void close() {
        dataSources.values().forEach(HikariDataSource::close);
        dataSources.clear();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Operational databases: PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
