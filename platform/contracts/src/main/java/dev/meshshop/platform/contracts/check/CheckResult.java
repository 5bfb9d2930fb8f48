package dev.meshshop.platform.contracts.check;

/**
 * The outcome of one check of the contract against the data.
 *
 * @param check what was checked, such as {@code required}, {@code logicalTypeOptions.maxLength},
 *     {@code nullValues} or {@code latency}
 * @param category the part of the contract the check comes from
 * @param element the object or property checked, such as {@code orders.customer_id}
 * @param status passed, failed, warning or skipped
 * @param measured the value measured in the data, such as {@code 3 rows} or {@code 1.8 h}
 * @param threshold what the contract allows, such as {@code mustBe 0 rows} or {@code <= 1 d}
 * @param detail what is wrong (or why the check was skipped); empty when the check passed
 * @param fix how to fix a failure; empty otherwise
 * @param samples some failing rows, for failures that have rows to show
 */
public record CheckResult(
        String check,
        CheckCategory category,
        String element,
        CheckStatus status,
        String measured,
        String threshold,
        String detail,
        String fix,
        Samples samples) {}
