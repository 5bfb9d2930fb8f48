package dev.meshshop.domains.fulfillment;

import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.MeshViews;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads published products the way any consumer would: DuckDB over their Parquet snapshots, under the names the
 * mesh gives them ({@code fulfillment.shipments}), with no domain area involved.
 */
final class ProductQueries implements AutoCloseable {

    private final Connection connection;

    ProductQueries(MeshLayout layout) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        MeshViews.create(connection, new MeshDirectory(layout), product -> true);
    }

    long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0).get(0));
    }

    /** The rows of a query, each as the text of its columns; SQL NULL is "null". */
    List<List<String>> rows(String sql) throws SQLException {
        var rows = new ArrayList<List<String>>();
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                var row = new ArrayList<String>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(result.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The rows of a query keyed by their first column, the other columns joined by a space. */
    Map<String, String> byKey(String sql) throws SQLException {
        var map = new TreeMap<String, String>();
        for (var row : rows(sql)) {
            if (map.put(row.get(0), String.join(" ", row.subList(1, row.size()))) != null) {
                throw new IllegalStateException("Key " + row.get(0) + " is repeated in: " + sql);
            }
        }
        return map;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
