package dev.meshshop.enabling.labsql;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;

/**
 * The PostgreSQL server the running mesh keeps its domains' operational systems in (one database per domain), as
 * the workshop asks it: a read-only query, or a copy of a whole database into {@code <database>_snapshot}, the way
 * a team that reports from a nightly restore of its production database works. Questions are asked as a role that
 * may read and not write ({@link #READER}); only the snapshot writes, into its own database.
 *
 * <p>The embedded mesh starts that server on a free port, with its files under
 * {@code <data-dir>/operational/postgres/data}. PostgreSQL writes the port it listens on into that directory's
 * {@code postmaster.pid} (the fourth line) for as long as it runs: that is how the tool finds it.
 */
final class OperationalDatabase {

    /** A query is stopped after this long: the labs' questions take milliseconds at the workshop's scale. */
    static final int STATEMENT_TIMEOUT_SECONDS = 60;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,53}");

    /** The embedded server's superuser: makes snapshots, and the reader. */
    private static final String ADMIN = "postgres";

    /**
     * Who the tool asks questions as: a role that may read every table and change none ({@code pg_read_all_data}),
     * as a team would give its analysts. Read-only transactions alone would not hold: a query may switch them off.
     */
    static final String READER = "lab_reader";

    private final int port;

    private OperationalDatabase(int port) {
        this.port = port;
    }

    /** Why the tool cannot ask the operational databases, in words that say what to do. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** A query's result, and how long the server took to give it. */
    record Timed(ResultTable table, long millis) {}

    /** The server of the mesh whose data directory is {@code dataDir}, while it runs. */
    static OperationalDatabase running(Path dataDir) throws Unavailable, IOException {
        Path pidFile = dataDir.resolve("operational/postgres/data/postmaster.pid");
        if (!Files.exists(pidFile)) {
            throw new Unavailable("No operational databases are running for the mesh in " + dataDir
                    + ": start the mesh (its operational systems run while it runs), or name its data directory with"
                    + " --data-dir.");
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4 || !lines.get(3).strip().matches("\\d{1,5}")) {
            throw new Unavailable("The operational databases in " + dataDir + " are starting or stopping (" + pidFile
                    + " names no port yet): try again in a few seconds.");
        }
        return new OperationalDatabase(Integer.parseInt(lines.get(3).strip()));
    }

    /** Runs {@code sql} in {@code database} as the {@link #READER}, in a read-only transaction. */
    Timed query(String database, String sql) throws SQLException, Unavailable {
        ensureReader();
        try (var connection = connect(database, READER, "-c default_transaction_read_only=on")) {
            long started = System.nanoTime();
            var table = ResultTable.query(connection, sql);
            return new Timed(table, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Copies every table of {@code database} into the database {@code <database>_snapshot}, which it creates anew:
     * the tables' columns and rows, read in one transaction so that the copy is consistent, and nothing else (no
     * keys, no indexes, no later changes). Prints what it copied and how long it took.
     */
    void snapshot(String database, PrintStream out) throws SQLException, IOException, Unavailable {
        checkName(database);
        String copy = database + "_snapshot";
        long started = System.nanoTime();
        long rows = 0;
        try (var source = connect(database, ADMIN, "")) {
            source.setAutoCommit(false);
            try (var consistent = source.createStatement()) {
                consistent.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            try (var admin = connect("postgres", ADMIN, "");
                    var create = admin.createStatement()) {
                // a snapshot someone still reads is replaced all the same: WITH (FORCE) ends their sessions
                create.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
                create.execute("CREATE DATABASE " + copy);
            }
            try (var target = connect(copy, ADMIN, "")) {
                for (String table : tables(source)) {
                    String quoted = quoted(source, table);
                    try (var createTable = target.createStatement()) {
                        createTable.execute(
                                "CREATE TABLE " + quoted + " (" + String.join(", ", columns(source, table)) + ")");
                    }
                    long copied = copyRows(source, target, quoted);
                    rows += copied;
                    out.printf("copied %s: %d rows%n", table, copied);
                }
            }
            source.commit();
        }
        out.printf(
                "%s is a snapshot of %s: %d rows in %d ms%n",
                copy, database, rows, (System.nanoTime() - started) / 1_000_000);
    }

    private static List<String> tables(Connection source) throws SQLException {
        var tables = new ArrayList<String>();
        try (var statement = source.createStatement();
                var rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** The table's columns as a CREATE TABLE names them: name, type and NOT NULL. */
    private static List<String> columns(Connection source, String table) throws SQLException {
        var columns = new ArrayList<String>();
        try (var statement = source.prepareStatement(
                """
                SELECT quote_ident(attname), format_type(atttypid, atttypmod), attnotnull
                FROM pg_attribute
                WHERE attrelid = ('public.' || quote_ident(?))::regclass AND attnum > 0 AND NOT attisdropped
                ORDER BY attnum""")) {
            statement.setString(1, table);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2) + (rows.getBoolean(3) ? " NOT NULL" : ""));
                }
            }
        }
        return columns;
    }

    /** Streams the table's rows from one database into the other through a temporary file, in COPY's format. */
    private static long copyRows(Connection source, Connection target, String quoted) throws SQLException, IOException {
        Path rows = Files.createTempFile("snapshot-", ".copy");
        try {
            try (var file = Files.newOutputStream(rows)) {
                source.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyOut("COPY public." + quoted + " TO STDOUT (FORMAT binary)", file);
            }
            try (var file = Files.newInputStream(rows)) {
                return target.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("COPY public." + quoted + " FROM STDIN (FORMAT binary)", file);
            }
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    private static String quoted(Connection connection, String identifier) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT quote_ident(?)")) {
            statement.setString(1, identifier);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void checkName(String database) throws Unavailable {
        if (!NAME.matcher(database).matches()) {
            throw new Unavailable("An operational database is named after its domain (checkout, fulfillment) or is"
                    + " such a database's snapshot (checkout_snapshot); '" + database + "' is neither.");
        }
    }

    /** Creates the {@link #READER} where the server has none yet. */
    private void ensureReader() throws SQLException, Unavailable {
        try (var admin = connect("postgres", ADMIN, "");
                var exists = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            exists.setString(1, READER);
            try (var rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = admin.createStatement()) {
                create.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + READER + "' IN ROLE pg_read_all_data");
            } catch (SQLException e) {
                if (!"42710".equals(e.getSQLState())) { // made meanwhile by another run of the tool: fine
                    throw e;
                }
            }
        }
    }

    private Connection connect(String database, String user, String options) throws SQLException, Unavailable {
        checkName(database);
        var login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", user);
        login.setProperty("connectTimeout", "10");
        login.setProperty("options", ("-c statement_timeout=" + STATEMENT_TIMEOUT_SECONDS + "s " + options).strip());
        try {
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + database, login);
        } catch (SQLException e) {
            if ("3D000".equals(e.getSQLState())) {
                throw new Unavailable("The operational databases have no database '" + database + "': the running"
                        + " mesh's systems keep theirs in checkout and fulfillment; a snapshot exists once"
                        + " --snapshot made it.");
            }
            if ("08001".equals(e.getSQLState())) {
                throw new Unavailable("The operational databases do not answer on port " + port + ": is the mesh"
                        + " still running? (" + e.getMessage() + ")");
            }
            throw e;
        }
    }
}
