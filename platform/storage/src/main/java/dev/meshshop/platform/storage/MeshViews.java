package dev.meshshop.platform.storage;

import dev.meshshop.platform.contracts.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes published products queryable under their stable names in a DuckDB connection: a schema per domain and a
 * view per product over its current snapshot, so that SQL reads {@code checkout.orders}, not a file path. Views
 * point at one snapshot; create them again to follow newer ones.
 */
public final class MeshViews {

    private MeshViews() {}

    /**
     * Creates (or replaces) a view {@code <domain>.<product>} over the newest major version of every published
     * product that {@code include} accepts, and one per major version, {@code <domain>.<product>_v<major>} (ADR 23).
     * Returns the views' names.
     */
    public static List<String> create(Connection connection, MeshDirectory mesh, Predicate<ProductId> include)
            throws SQLException {
        var views = new ArrayList<String>();
        var ports = mesh.ports();
        var newest = MeshDirectory.newest(ports);
        try (var statement = connection.createStatement()) {
            for (var port : newest.values()) {
                if (!include.test(port.product())) {
                    continue;
                }
                String view = port.product().domain() + "." + port.product().name();
                statement.execute(
                        "CREATE SCHEMA IF NOT EXISTS " + port.product().domain());
                statement.execute("CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM read_parquet("
                        + Sql.literal(port.dataFile()) + ")");
                views.add(view);
            }
            for (var port : ports) {
                if (!include.test(port.product())) {
                    continue;
                }
                String view = ProductVersions.versioned(port.product(), port.major());
                statement.execute("CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM read_parquet("
                        + Sql.literal(port.dataFile()) + ")");
                views.add(view);
            }
        }
        return views;
    }
}
