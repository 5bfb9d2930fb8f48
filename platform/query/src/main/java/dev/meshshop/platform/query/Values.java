package dev.meshshop.platform.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** A result's values as JSON and CSV carry them: numbers and booleans as such, times in ISO-8601, the rest as text. */
final class Values {

    private Values() {}

    static Object of(ResultSet result, int column, int sqlType) throws SQLException {
        Object value =
                switch (sqlType) {
                    case Types.BOOLEAN -> result.getBoolean(column);
                    case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> result.getLong(column);
                    case Types.FLOAT, Types.REAL, Types.DOUBLE -> finite(result.getDouble(column));
                    case Types.DECIMAL, Types.NUMERIC -> result.getBigDecimal(column);
                    case Types.TIMESTAMP -> result.getObject(column, LocalDateTime.class);
                    case Types.TIME -> result.getObject(column, LocalTime.class);
                    case Types.DATE, Types.TIMESTAMP_WITH_TIMEZONE -> result.getObject(column);
                    default -> result.getString(column);
                };
        if (result.wasNull() || value == null) {
            return null;
        }
        return value instanceof Number || value instanceof Boolean || value instanceof String
                ? value
                : value.toString();
    }

    /** JSON has no NaN or infinity: those are sent as text. */
    private static Object finite(double value) {
        return Double.isFinite(value) ? value : Double.toString(value);
    }
}
