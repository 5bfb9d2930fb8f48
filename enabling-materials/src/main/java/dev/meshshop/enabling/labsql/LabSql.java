package dev.meshshop.enabling.labsql;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The workshop's SQL tool: runs one query in a domain's private area, read-only, and prints the result as the labs
 * show it. Nothing to install: it is built with the mesh, with the DuckDB version that wrote the area.
 *
 * <pre>
 * java -jar enabling-materials/target/lab-sql.jar payment "SELECT count(*) FROM raw.events"
 * java -jar enabling-materials/target/lab-sql.jar payment &lt; query.sql
 * java -jar enabling-materials/target/lab-sql.jar --data-dir=.mesh-data payment
 * java -jar enabling-materials/target/lab-sql.jar --operational fulfillment "SELECT count(*) FROM article"
 * java -jar enabling-materials/target/lab-sql.jar --snapshot checkout
 * </pre>
 *
 * Without a query argument it reads the query from standard input (paste it, then Ctrl-D). For a domain's area the
 * mesh must be stopped: the running mesh writes the area, and DuckDB lets one process open a file that another one
 * writes. With {@code --operational} it asks a domain's operational database instead, the PostgreSQL database its
 * system keeps its state in, while the mesh runs ({@link OperationalDatabase}); {@code --snapshot} copies one such
 * database into {@code <database>_snapshot}.
 */
public final class LabSql {

    static final String USAGE =
            """
            Usage: java -jar enabling-materials/target/lab-sql.jar [--data-dir=<dir>] <domain> ["<sql>"]
                   java -jar enabling-materials/target/lab-sql.jar [--data-dir=<dir>] --operational <database> ["<sql>"]
                   java -jar enabling-materials/target/lab-sql.jar [--data-dir=<dir>] --snapshot <database>
              <domain> ["<sql>"]: runs one query in the private area of <domain>
                (.mesh-data/domains/<domain>/<domain>.duckdb), read-only, with the mesh stopped.
              --operational <database> ["<sql>"]: runs one query, read-only, in the operational database of a domain's
                system (checkout, fulfillment, or a snapshot such as checkout_snapshot), while the mesh runs.
              --snapshot <database>: copies that database into <database>_snapshot, replacing an older copy.
              Without "<sql>", reads the query from standard input: paste it, then press Ctrl-D.""";

    private LabSql() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the tool; returns its exit code: 0 for a result, 1 when the query or the area fails, 2 for bad usage. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Path dataDir = Path.of(".mesh-data");
        String mode = null;
        String domain = null;
        String sql = null;
        for (String arg : args) {
            if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if ((arg.equals("--operational") || arg.equals("--snapshot")) && mode == null && domain == null) {
                mode = arg;
            } else if (domain == null) {
                domain = arg;
            } else if (sql == null) {
                sql = arg;
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (domain == null || domain.startsWith("-") || ("--snapshot".equals(mode) && sql != null)) {
            err.println(USAGE);
            return 2;
        }
        if (mode != null) {
            return operational(dataDir, mode.equals("--snapshot"), domain, sql, in, out, err);
        }
        Path area = dataDir.resolve("domains").resolve(domain).resolve(domain + ".duckdb");
        if (!Files.exists(area)) {
            err.println("No area of domain " + domain + " at " + area
                    + ". Start the mesh once so that it fills its data directory, or name it with --data-dir.");
            return 1;
        }
        if (sql == null) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (var connection = DriverManager.getConnection("jdbc:duckdb:" + area, readOnly)) {
            out.println(ResultTable.query(connection, sql.strip()).toMarkdown());
            return 0;
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("lock")) {
                err.println("The area of " + domain + " is open in another process: the running mesh writes it, and"
                        + " DuckDB lets no other process open a file that one process writes. Stop the mesh"
                        + " (Ctrl-C) and run the query again; the data stays until the mesh starts again.");
            } else {
                err.println(message);
            }
            return 1;
        }
    }

    private static int operational(
            Path dataDir,
            boolean snapshot,
            String database,
            String sql,
            InputStream in,
            PrintStream out,
            PrintStream err)
            throws IOException {
        try {
            var server = OperationalDatabase.running(dataDir);
            if (snapshot) {
                server.snapshot(database, out);
                return 0;
            }
            if (sql == null) {
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            var result = server.query(database, sql.strip());
            out.println(result.table().toMarkdown());
            err.printf("(%d rows in %d ms)%n", result.table().rows().size(), result.millis());
            return 0;
        } catch (OperationalDatabase.Unavailable | SQLException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
