package dev.meshshop.platform.contracts.check;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.contracts.model.LogicalType;
import dev.meshshop.platform.contracts.model.LogicalTypeOptions;
import java.util.Locale;
import java.util.Set;

/** A column of the data under test with its DuckDB type, and which logical types that type can hold. */
record Column(String name, String type) {

    private static final Set<String> INTEGERS = Set.of(
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "UHUGEINT");
    private static final Set<String> FLOATS = Set.of("FLOAT", "DOUBLE", "REAL");
    private static final Set<String> TIMESTAMPS =
            Set.of("TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "DATETIME");

    String sql() {
        return Sql.identifier(name);
    }

    private String base() {
        String upper = type.toUpperCase(Locale.ROOT).trim();
        int parenthesis = upper.indexOf('(');
        return parenthesis < 0 ? upper : upper.substring(0, parenthesis).trim();
    }

    boolean isText() {
        return base().equals("VARCHAR");
    }

    boolean isInteger() {
        return INTEGERS.contains(base())
                || (base().equals("DECIMAL") && type.replace(" ", "").endsWith(",0)"));
    }

    boolean isNumeric() {
        return isInteger() || FLOATS.contains(base()) || base().equals("DECIMAL");
    }

    boolean isList() {
        return type.trim().endsWith("]");
    }

    boolean isTimestamp() {
        return TIMESTAMPS.contains(base()) || isTimestampWithTimeZone();
    }

    boolean isTimestampWithTimeZone() {
        return base().equals("TIMESTAMP WITH TIME ZONE") || base().equals("TIMESTAMPTZ");
    }

    boolean isDate() {
        return base().equals("DATE");
    }

    boolean isTime() {
        return base().equals("TIME") || base().equals("TIME WITH TIME ZONE") || base().equals("TIMETZ");
    }

    /** Whether the column can hold values of the logical type; text can hold dates when a format says how. */
    boolean holds(LogicalType logicalType, LogicalTypeOptions options) {
        if (isList()) {
            return logicalType == LogicalType.ARRAY;
        }
        boolean formattedText = isText() && options.format() != null;
        return switch (logicalType) {
            case STRING -> isText() || base().equals("UUID") || base().equals("ENUM");
            case DATE -> isDate() || isTimestamp() || formattedText;
            case TIMESTAMP ->
                (Boolean.TRUE.equals(options.timezone()) ? isTimestampWithTimeZone() : isTimestamp()) || formattedText;
            case TIME -> isTime() || formattedText;
            case NUMBER -> isNumeric();
            case INTEGER -> isInteger();
            case BOOLEAN -> base().equals("BOOLEAN");
            case OBJECT -> base().equals("STRUCT") || base().equals("MAP") || base().equals("JSON");
            case ARRAY -> false;
        };
    }

    /** The DuckDB types that hold a logical type, for messages. */
    static String typesHolding(LogicalType logicalType, LogicalTypeOptions options) {
        return switch (logicalType) {
            case STRING -> "VARCHAR, UUID or ENUM";
            case DATE -> "DATE or TIMESTAMP";
            case TIMESTAMP ->
                Boolean.TRUE.equals(options.timezone())
                        ? "TIMESTAMP WITH TIME ZONE"
                        : "TIMESTAMP or TIMESTAMP WITH TIME ZONE";
            case TIME -> "TIME";
            case NUMBER -> "DECIMAL, DOUBLE or an integer type";
            case INTEGER -> "an integer type such as INTEGER or BIGINT";
            case BOOLEAN -> "BOOLEAN";
            case OBJECT -> "STRUCT, MAP or JSON";
            case ARRAY -> "a list type such as VARCHAR[]";
        };
    }
}
