package dev.meshshop.platform.query;

import java.util.List;

/**
 * What a query returned: its columns with their DuckDB types, the rows (values as JSON has them: numbers,
 * booleans, text, timestamps in ISO-8601), whether the row cap cut the result, and how long it took.
 */
public record QueryResult(
        List<Column> columns, List<List<Object>> rows, int rowCount, boolean truncated, long elapsedMs) {

    /** A result column: its name and DuckDB type, such as {@code VARCHAR} or {@code DECIMAL(10,2)}. */
    public record Column(String name, String type) {}
}
