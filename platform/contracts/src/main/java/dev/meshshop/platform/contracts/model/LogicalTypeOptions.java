package dev.meshshop.platform.contracts.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * Constraints on the values of a property; which ones apply depends on its {@link LogicalType}.
 *
 * <p>Bounds ({@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}) keep the text
 * written in the contract: a number for {@code number} and {@code integer}, an ISO date, date-time or time for
 * the temporal types. A v3.0.x {@code exclusiveMinimum: true} is read as an exclusive bound with the value of
 * {@code minimum}.
 */
public record LogicalTypeOptions(
        Integer minLength,
        Integer maxLength,
        String pattern,
        String format,
        String minimum,
        String maximum,
        String exclusiveMinimum,
        String exclusiveMaximum,
        BigDecimal multipleOf,
        Boolean timezone,
        String defaultTimezone,
        Integer minItems,
        Integer maxItems,
        Boolean uniqueItems,
        Integer minProperties,
        Integer maxProperties,
        List<String> required) {

    public static final LogicalTypeOptions NONE = new LogicalTypeOptions(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, List.of());

    public LogicalTypeOptions {
        required = List.copyOf(required);
    }
}
