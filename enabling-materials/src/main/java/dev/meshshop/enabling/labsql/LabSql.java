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
 * </pre>
 *
 * Without a query argument it reads the query from standard input (paste it, then Ctrl-D). The mesh must be
 * stopped: the running mesh writes the area, and DuckDB lets one process open a file that another one writes.
 */
public final class LabSql {

    static final String USAGE =
            """
            Usage: java -jar enabling-materials/target/lab-sql.jar [--data-dir=<dir>] <domain> ["<sql>"]
              Runs one query in the private area of <domain> (.mesh-data/domains/<domain>/<domain>.duckdb), read-only.
              Without "<sql>", reads the query from standard input: paste it, then press Ctrl-D.""";

    private LabSql() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs the tool; returns its exit code: 0 for a result, 1 when the query or the area fails, 2 for bad usage. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        Path dataDir = Path.of(".mesh-data");
        String domain = null;
        String sql = null;
        for (String arg : args) {
            if (arg.startsWith("--data-dir=")) {
                dataDir = Path.of(arg.substring("--data-dir=".length()));
            } else if (domain == null) {
                domain = arg;
            } else if (sql == null) {
                sql = arg;
            } else {
                err.println(USAGE);
                return 2;
            }
        }
        if (domain == null || domain.startsWith("-")) {
            err.println(USAGE);
            return 2;
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
}
