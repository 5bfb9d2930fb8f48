package dev.meshshop.platform.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One read of the mesh through the query service, as the audit keeps it: who read which products, when, how much
 * and how it ended. Refused reads are kept too, with the reason.
 *
 * @param consumer the identity that asked
 * @param products the products the SQL named (for a refused query, those it tried)
 * @param rows the rows returned
 * @param elapsedMs how long the query took, from arrival to the last row sent
 * @param outcome ok, refused or failed
 * @param reason why it was refused or failed; null when it was ok
 * @param route how it came: {@code http} (JSON), {@code csv} or {@code flight-sql}
 * @param sql the statement, cut at 2,000 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
        String consumer,
        List<String> products,
        Instant at,
        long rows,
        long elapsedMs,
        Outcome outcome,
        String reason,
        String route,
        String sql) {

    static final int SQL_KEPT = 2_000;

    public Usage {
        products = List.copyOf(products);
        if (sql != null && sql.length() > SQL_KEPT) {
            sql = sql.substring(0, SQL_KEPT) + "...";
        }
    }

    /** How a read ended. */
    public enum Outcome {
        OK,
        REFUSED,
        FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
