package dev.meshshop.platform.trino;

import dev.meshshop.platform.contracts.Sql;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The columns of a snapshot's Parquet file as Trino's Hive connector declares them. Hive does not read a table's
 * schema from its files, so the platform reads it where it is certain: from the published file itself, with DuckDB,
 * which wrote it. A type Trino's Hive connector cannot read is named with its column, and the port is left out of
 * Trino rather than served wrong.
 */
final class TrinoTypes {

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");

    private TrinoTypes() {}

    /** A column of a snapshot, with its type as Trino declares it. */
    record Column(String name, String trinoType) {}

    /** Why a snapshot cannot be declared to Trino. */
    static final class UnsupportedColumn extends RuntimeException {
        UnsupportedColumn(String message) {
            super(message);
        }
    }

    /** The columns of the Parquet file {@code dataFile}, in order, with their Trino types. */
    static List<Column> columns(Path dataFile) throws SQLException {
        var columns = new ArrayList<Column>();
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + Sql.literal(dataFile) + ")")) {
            while (rows.next()) {
                String name = rows.getString("column_name");
                String type = rows.getString("column_type");
                columns.add(new Column(
                        name,
                        trinoType(type)
                                .orElseThrow(() -> new UnsupportedColumn("column " + name + " of " + dataFile
                                        + " has the type " + type + ", which Trino's Hive connector cannot read;"
                                        + " publish it as one of VARCHAR, BOOLEAN, integers, DOUBLE, DECIMAL, DATE,"
                                        + " TIMESTAMP or a list of those"))));
            }
        }
        return columns;
    }

    /** DuckDB's name of a type as Trino's Hive connector declares it, if it can read it. */
    static Optional<String> trinoType(String duckdbType) {
        String type = duckdbType.trim().toUpperCase(Locale.ROOT);
        if (type.endsWith("[]")) {
            return trinoType(type.substring(0, type.length() - 2)).map(element -> "array(" + element + ")");
        }
        var decimal = DECIMAL.matcher(type.replace(" ", ""));
        if (decimal.matches()) {
            return Optional.of("decimal(" + decimal.group(1) + "," + decimal.group(2) + ")");
        }
        return Optional.ofNullable(
                switch (type) {
                    case "VARCHAR" -> "varchar";
                    case "BOOLEAN" -> "boolean";
                    case "TINYINT" -> "tinyint";
                    case "SMALLINT" -> "smallint";
                    case "INTEGER" -> "integer";
                    case "BIGINT" -> "bigint";
                    case "FLOAT" -> "real";
                    case "DOUBLE" -> "double";
                    case "DATE" -> "date";
                    // the mesh writes timestamps without a zone, in microseconds (the catalog's
                    // hive.timestamp-precision=MICROSECONDS keeps them whole)
                    case "TIMESTAMP" -> "timestamp(6)";
                    case "BLOB" -> "varbinary";
                    default -> null;
                });
    }
}
