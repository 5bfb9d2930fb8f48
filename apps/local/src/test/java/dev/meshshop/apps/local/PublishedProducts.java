package dev.meshshop.apps.local;

import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.MeshViews;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL over what the mesh published, named as the query service names the products ({@code checkout.orders}), in a
 * DuckDB of the test's own: what the tests that check answers against the planted company read.
 */
final class PublishedProducts {

    private PublishedProducts() {}

    /** The rows {@code sql} returns over every product published under {@code layout}, each value as text. */
    static List<Map<String, String>> query(MeshLayout layout, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:duckdb:")) {
            MeshViews.create(connection, new MeshDirectory(layout), product -> true);
            try (var result = connection.createStatement().executeQuery(sql)) {
                var rows = new ArrayList<Map<String, String>>();
                var meta = result.getMetaData();
                while (result.next()) {
                    var row = new LinkedHashMap<String, String>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i), result.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
