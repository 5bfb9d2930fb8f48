package dev.meshshop.platform.contracts;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting for the SQL the mesh writes: names and values from a contract, a descriptor or a path never reach SQL
 * unquoted. The one place that knows how DuckDB quotes identifiers ({@code "a ""b"""}) and string literals ({@code
 * 'it''s'}).
 */
public final class Sql {

    private Sql() {}

    /** {@code order "id"} becomes {@code "order ""id"""}. */
    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The names quoted and joined with {@code ", "}. */
    public static String identifiers(List<String> names) {
        return names.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    }

    /** {@code sales.orders} becomes {@code "sales"."orders"}. */
    public static String qualifiedName(String name) {
        return Arrays.stream(name.split("\\.")).map(Sql::identifier).collect(Collectors.joining("."));
    }

    /** {@code it's} becomes {@code 'it''s'}. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A file or folder as a string literal, for {@code read_parquet(...)}, {@code COPY ... TO ...} and the like. */
    public static String literal(Path path) {
        return literal(path.toString());
    }

    public static String number(BigDecimal value) {
        return value.toPlainString();
    }
}
