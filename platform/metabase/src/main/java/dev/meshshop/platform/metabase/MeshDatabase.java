package dev.meshshop.platform.metabase;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.metabase.MetabaseApi.DatabaseRequest;
import dev.meshshop.platform.metabase.MetabaseApi.DuckDbDetails;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The database through which Metabase reads the mesh: DuckDB in memory, with one view per published product,
 * {@code <domain>.<product>}, as the SQL in {@code docs/questions} and in the dashboards names them. Metabase
 * reads output ports only, never a domain's area, so no process waits on another's DuckDB file.
 *
 * <p>Each view reads the port's current snapshot when it is queried, not when it was created: it scans the
 * port's snapshots and keeps the file that {@code current.json} points at (DuckDB then reads that file only; the
 * pattern finds it in a snapshot's {@code data/} folder and beside the contract, where older snapshots keep it). So
 * dashboards follow every new snapshot without being provisioned again, and a reader never sees half of one.
 *
 * @param name the database's name in Metabase
 * @param initSql what the DuckDB driver runs on every new DuckDB instance: the schemas and views
 */
public record MeshDatabase(String name, String initSql) {

    public static final String NAME = "Mesh Shop";

    /**
     * Views over the newest major version of every product published in {@code mesh}. {@code dataDir} is the
     * mesh's data directory as Metabase sees it, such as the folder its container mounts the shared volume at.
     */
    public static MeshDatabase over(MeshDirectory mesh, Path dataDir) {
        var newest = mesh.newestPorts();
        if (newest.isEmpty()) {
            throw new IllegalStateException("No product is published yet, so Metabase would have nothing to read");
        }
        var layout = new MeshLayout(dataDir);
        String sql = newest.values().stream()
                .map(port -> view(port.product(), layout.outputPort(port.product(), port.major())))
                .collect(Collectors.joining("\n"));
        return new MeshDatabase(NAME, sql);
    }

    /** The products this database has a view of, in the order of its init SQL. */
    public List<String> views() {
        return initSql.lines()
                .filter(line -> line.startsWith("CREATE OR REPLACE VIEW "))
                .map(line -> line.substring("CREATE OR REPLACE VIEW ".length(), line.indexOf(" AS ")))
                .toList();
    }

    private static String view(ProductId product, Path port) {
        String dir = port.toString();
        return "CREATE SCHEMA IF NOT EXISTS " + product.domain() + ";\n"
                + "CREATE OR REPLACE VIEW " + product.domain() + "." + product.name() + " AS"
                + " SELECT * EXCLUDE (filename) FROM read_parquet(" + Sql.literal(dir + "/snapshots/**/*.parquet")
                + ", filename = true)"
                + " WHERE filename = (SELECT " + Sql.literal(dir + "/snapshots/") + " || id || '/' || dataFile"
                + " FROM read_json(" + Sql.literal(dir + "/current.json") + "));";
    }

    /**
     * How Metabase connects: in memory, so there is no file to lock, with DuckDB's current casting rules
     * ({@code old_implicit_casting} off), so that dashboards' SQL behaves as it does in the mesh.
     */
    public DatabaseRequest request() {
        return new DatabaseRequest("duckdb", name, new DuckDbDetails(":memory:", false, false, initSql), true);
    }
}
