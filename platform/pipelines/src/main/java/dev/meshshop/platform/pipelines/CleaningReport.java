package dev.meshshop.platform.pipelines;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one cleaning run did: how many raw records went in, how many rows each clean table holds, and how
 * many events were set aside, by rule. {@link #balanced()} holds when nothing vanished.
 *
 * <p>It also says what the steps changed in the events they passed on, counted by what and why (such as
 * {@code mapped/OrderPurchased v1}, {@code masked/OrderPurchased /customer/email hashed} or
 * {@code repaired/amount-in-cents}; see {@link MitigateSchemaChanges}, {@link MaskPersonalData} and
 * {@link RepairOutliers}), and the gaps that {@link Completeness} found, by event type and time.
 */
public record CleaningReport(
        String domain,
        long input,
        Map<String, Long> cleanRows,
        Map<String, Long> quarantinedByRule,
        Map<String, Long> changed,
        List<Gap> gaps,
        Duration pipelineTime,
        Duration totalTime) {

    /** The report of a domain with no events of its own, which has nothing to clean. */
    public static CleaningReport nothingToClean(String domain) {
        return new CleaningReport(domain, 0, Map.of(), Map.of(), Map.of(), List.of(), Duration.ZERO, Duration.ZERO);
    }

    public long clean() {
        return cleanRows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long quarantined() {
        return quarantinedByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every raw record is accounted for: it is a clean row or a quarantined record. */
    public boolean balanced() {
        return input == clean() + quarantined();
    }
}
