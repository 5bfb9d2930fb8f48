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
 * @param reason why it was refused or failed, cut at {@value #REASON_KEPT} characters; null when it was ok
 * @param route how it came: {@code http} (JSON), {@code csv} or {@code flight-sql}
 * @param sql the statement, cut at {@value #SQL_KEPT} characters
 *     <p>Everything a caller chose is cut ({@link UserText}): the consumer and each product at {@value
 *     UserText#NAME} characters, at most {@value #PRODUCTS_KEPT} products, so that one read's line stays under
 *     about 10 KB whatever the caller sent.
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
    static final int REASON_KEPT = 1_000;
    static final int PRODUCTS_KEPT = 20;

    public Usage {
        consumer = UserText.name(consumer);
        products = products.stream().limit(PRODUCTS_KEPT).map(UserText::name).toList();
        reason = UserText.cut(reason, REASON_KEPT);
        route = UserText.name(route);
        sql = UserText.cut(sql, SQL_KEPT);
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
