package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.enabling.labsql.ResultTable;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * What the labs' prose reads from their results still holds for the results they state. The other tests keep the
 * stated results equal to what the mesh returns, so a change of the simulated company that turns an answer around
 * fails here, naming the sentence to rewrite.
 */
class LabClaimsTests {

    @Test
    void lab11TheOperationalAnswerCountsCopiesAndIsManyTimesTooHighInMarch() {
        var lab = Lab.read("1-1-operational-queries.md");
        assertThat(number(lab.result("payment-copies"), "records", "extra_copies", null))
                .as("some payments were delivered twice")
                .isPositive();
        var raw = lab.result("march-takings-raw");
        var product = lab.result("march-takings-product");
        for (var row : raw.rows()) {
            String method = row.get(0);
            assertThat(number(raw, "method", "taken", method))
                    .as("March's takings by %s are many times too high", method)
                    .isGreaterThan(number(product, "method", "taken", method).multiply(BigDecimal.TEN));
        }
    }

    @Test
    void lab33LateParcelsAreNotRefundedMoreOften() {
        var result = Lab.read("3-3-join.md").result("late-deliveries-and-refunds");
        assertThat(number(result, "on_time", "refunded_share", "false"))
                .isLessThanOrEqualTo(number(result, "on_time", "refunded_share", "true"));
    }

    @Test
    void extra3FreeShippingConvertsBetterOnAHundredVisitsOrSoPerArm() {
        var result = Lab.read("x-3-business-question.md").result("black-week-free-shipping");
        assertThat(number(result, "free_shipping_offered", "conversion", "true"))
                .isGreaterThan(number(result, "free_shipping_offered", "conversion", "false"));
        for (String offered : new String[] {"true", "false"}) {
            assertThat(number(result, "free_shipping_offered", "sessions", offered))
                    .isBetween(BigDecimal.valueOf(50), BigDecimal.valueOf(200));
        }
    }

    /** The number in {@code column} of the row whose {@code key} column is {@code value}, or of the only row. */
    private static BigDecimal number(ResultTable table, String key, String column, String value) {
        int keyColumn = table.columns().indexOf(key);
        int valueColumn = table.columns().indexOf(column);
        assertThat(valueColumn).as("column " + column).isNotNegative();
        var row = table.rows().stream()
                .filter(candidate -> value == null || candidate.get(keyColumn).equals(value))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one row with " + key + " = " + value);
                })
                .orElseThrow(() -> new AssertionError("no row with " + key + " = " + value));
        return new BigDecimal(row.get(valueColumn));
    }
}
