package dev.meshshop.platform.pipelines;

import java.time.Duration;
import java.util.Map;

/**
 * What one cleaning run did: how many raw records went in, how many rows each clean table holds, and how
 * many events were set aside, by rule. {@link #balanced()} holds when nothing vanished.
 */
public record CleaningReport(
        String domain,
        long input,
        Map<String, Long> cleanRows,
        Map<String, Long> quarantinedByRule,
        Duration pipelineTime,
        Duration totalTime) {

    /** The report of a domain with no events of its own, which has nothing to clean. */
    public static CleaningReport nothingToClean(String domain) {
        return new CleaningReport(domain, 0, Map.of(), Map.of(), Duration.ZERO, Duration.ZERO);
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
