package dev.meshshop.platform.query;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;

/** Writes a query's rows as CSV (RFC 4180): a header line, then up to the row cap, values as {@link Values} has them. */
final class CsvRows {

    private CsvRows() {}

    /** Writes the rows and returns how many it wrote. */
    static long write(Execution execution, Writer out) throws SQLException, IOException {
        var result = execution.resultSet();
        var meta = result.getMetaData();
        int count = meta.getColumnCount();
        var types = new int[count];
        for (int i = 1; i <= count; i++) {
            types[i - 1] = meta.getColumnType(i);
            out.write((i > 1 ? "," : "") + field(meta.getColumnName(i)));
        }
        out.write("\r\n");
        long rows = 0;
        while (rows < execution.maxRows() && result.next()) {
            for (int i = 1; i <= count; i++) {
                Object value = Values.of(result, i, types[i - 1]);
                out.write((i > 1 ? "," : "") + (value == null ? "" : field(value.toString())));
            }
            out.write("\r\n");
            rows++;
        }
        return rows;
    }

    private static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
