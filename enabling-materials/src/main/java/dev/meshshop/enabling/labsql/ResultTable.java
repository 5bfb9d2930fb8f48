package dev.meshshop.enabling.labsql;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A query's result as the labs show it and {@link LabSql} prints it: a markdown table with the columns' names in its
 * header and one line per row. An empty cell is SQL's NULL. Numbers are equal when their values are ({@code 42.10}
 * and {@code 42.1}), so a lab may write them either way.
 */
public record ResultTable(List<String> columns, List<List<String>> rows) {

    public ResultTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** Reads a markdown table: a header line, a separator line, one line per row. */
    public static ResultTable parse(String markdown) {
        var lines = markdown.strip().lines().toList();
        var columns = cells(lines.get(0));
        var rows = lines.stream().skip(2).map(ResultTable::cells).toList();
        return new ResultTable(columns, rows);
    }

    /** Runs {@code sql} and reads every row as text. */
    public static ResultTable query(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery(sql)) {
            var meta = result.getMetaData();
            var columns = new ArrayList<String>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
            var rows = new ArrayList<List<String>>();
            while (result.next()) {
                var row = new ArrayList<String>();
                for (int i = 1; i <= columns.size(); i++) {
                    var value = result.getObject(i);
                    row.add(value == null ? "" : text(value));
                }
                rows.add(row);
            }
            return new ResultTable(columns, rows);
        }
    }

    /** Whether {@code other} has the same columns and, row by row, the same values. */
    public boolean matches(ResultTable other) {
        if (!columns.equals(other.columns) || rows.size() != other.rows.size()) {
            return false;
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                if (!same(rows.get(r).get(c), other.rows.get(r).get(c))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The table in markdown, its columns padded to their widest cell. */
    public String toMarkdown() {
        var widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).length();
            for (var row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        var lines = new ArrayList<String>();
        lines.add(line(columns, widths));
        lines.add(Arrays.stream(widths).mapToObj("-"::repeat).collect(Collectors.joining("-|-", "|-", "-|")));
        rows.forEach(row -> lines.add(line(row, widths)));
        return String.join("\n", lines);
    }

    private static String line(List<String> cells, int[] widths) {
        var padded = new ArrayList<String>();
        for (int c = 0; c < cells.size(); c++) {
            padded.add(cells.get(c) + " ".repeat(widths[c] - cells.get(c).length()));
        }
        return padded.stream().collect(Collectors.joining(" | ", "| ", " |"));
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }

    private static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).toPlainString();
        }
        return value.toString();
    }

    private static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
