package dev.meshshop.platform.contracts.check;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the SQL the checks generate: names and values from a contract never reach SQL unquoted. */
final class Sql {

    private Sql() {}

    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String identifiers(List<String> names) {
        return names.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    }

    /** {@code sales.orders} becomes {@code "sales"."orders"}. */
    static String qualifiedName(String name) {
        return Arrays.stream(name.split("\\.")).map(Sql::identifier).collect(Collectors.joining("."));
    }

    static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String number(BigDecimal value) {
        return value.toPlainString();
    }
}
