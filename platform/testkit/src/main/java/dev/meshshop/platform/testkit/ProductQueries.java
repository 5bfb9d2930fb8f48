package dev.meshshop.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.MeshViews;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads published products the way any consumer would: DuckDB over their Parquet snapshots, under the names the
 * mesh gives them ({@code checkout.orders}), with no domain area involved. The views point at the snapshots that were
 * current when this was opened; {@link DomainPath#products()} opens it again after every refresh.
 *
 * <p>A query that fails throws an {@link IllegalStateException} that names it.
 */
public final class ProductQueries implements AutoCloseable {

    private final Connection connection;

    /** Opens an in-memory DuckDB with a view on every product published in {@code layout}. */
    public ProductQueries(MeshLayout layout) {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            MeshViews.create(connection, new MeshDirectory(layout), product -> true);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open the published products of " + layout.dataDir(), e);
        }
    }

    /** The one row a query returns, each column as JDBC reads it ({@code BigDecimal} for a DECIMAL); SQL NULL is null. */
    public List<Object> row(String sql) {
        var rows = new ArrayList<List<Object>>();
        forEachRow(sql, result -> {
            var row = new ArrayList<Object>();
            for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                row.add(result.getObject(column));
            }
            rows.add(row);
        });
        assertThat(rows).as("the rows of " + sql).hasSize(1);
        return rows.get(0);
    }

    /** The single value of a query that returns one row, such as {@code SELECT count(*) ...}, as a long. */
    public long count(String sql) {
        var value = row(sql).get(0);
        assertThat(value).as("the value of " + sql).isInstanceOf(Number.class);
        return ((Number) value).longValue();
    }

    /** The single value of a query that returns one row, such as {@code SELECT sum(total) ...}, as a decimal. */
    public BigDecimal decimal(String sql) {
        return (BigDecimal) row(sql).get(0);
    }

    /**
     * The rows of a query, each as a record of {@code type} made from its columns in order, as JDBC reads them
     * (an INTEGER for an {@code int} or {@code Integer} component, a DECIMAL for a {@code BigDecimal}).
     */
    public <R extends Record> List<R> records(String sql, Class<R> type) {
        var components = type.getRecordComponents();
        Constructor<R> constructor;
        try {
            constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
        var records = new ArrayList<R>();
        forEachRow(sql, result -> {
            assertThat(result.getMetaData().getColumnCount())
                    .as("the columns of " + sql + " for " + type.getSimpleName())
                    .isEqualTo(components.length);
            var values = new Object[components.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = result.getObject(i + 1);
            }
            try {
                records.add(constructor.newInstance(values));
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                throw new IllegalStateException(
                        "Cannot make a " + type.getSimpleName() + " of " + Arrays.toString(values), e);
            }
        });
        return records;
    }

    /** The rows of a query, each as the text of its columns; SQL NULL is "null". */
    public List<List<String>> rows(String sql) {
        var rows = new ArrayList<List<String>>();
        forEachRow(sql, result -> {
            int columns = result.getMetaData().getColumnCount();
            var row = new ArrayList<String>(columns);
            for (int i = 1; i <= columns; i++) {
                row.add(String.valueOf(result.getString(i)));
            }
            rows.add(row);
        });
        return rows;
    }

    /** The rows of a query keyed by their first column, the other columns joined by a space; a key must not repeat. */
    public Map<String, String> byKey(String sql) {
        var map = new TreeMap<String, String>();
        for (var row : rows(sql)) {
            if (map.put(row.get(0), String.join(" ", row.subList(1, row.size()))) != null) {
                throw new IllegalStateException("Key " + row.get(0) + " is repeated in: " + sql);
            }
        }
        return map;
    }

    /**
     * The rows of a query of a key and a count, such as {@code SELECT channel, count(*) FROM ... GROUP BY ALL}, as a
     * map from key to count; SQL NULL as a key is "null".
     */
    public Map<String, Long> counts(String sql) {
        var counts = new TreeMap<String, Long>();
        byKey(sql).forEach((key, count) -> counts.put(key, Long.parseLong(count)));
        return counts;
    }

    /** Hands every row of a query to {@code reader}, positioned on it; returns how many rows there were. */
    public int forEachRow(String sql, RowReader reader) {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            int rows = 0;
            while (result.next()) {
                reader.read(result);
                rows++;
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("The query failed: " + sql, e);
        }
    }

    /** Reads one row of a result, with JDBC's getters. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the published products' connection", e);
        }
    }
}
