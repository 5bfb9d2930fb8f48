package dev.meshshop.platform.pipelines;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the clean zone holds after a cleaning run: how many raw records it has cleaned in all, how many rows each
 * clean table holds, and how many events were set aside, by rule; and in {@link #batch()}, what this run added.
 * {@link #balanced()} holds when nothing vanished; the cleaning stage checks it, in all and for the run, before it
 * commits a run.
 *
 * <p>It also says what the steps changed in the events they passed on, counted by what and why (such as
 * {@code mapped/OrderPurchased v1}, {@code masked/OrderPurchased /customer/email hashed} or
 * {@code repaired/amount-in-cents}; see {@link MitigateSchemaChanges}, {@link MaskPersonalData} and
 * {@link RepairOutliers}) in this run, and the gaps that {@link Completeness} found over every run, by event type
 * and time.
 */
public record CleaningReport(
        String domain,
        long input,
        Map<String, Long> cleanRows,
        Map<String, Long> quarantinedByRule,
        Map<String, Long> changed,
        List<Gap> gaps,
        Batch batch,
        Duration pipelineTime,
        Duration totalTime) {

    /** The report of a domain with no events of its own, which has nothing to clean. */
    public static CleaningReport nothingToClean(String domain) {
        return new CleaningReport(
                domain, 0, Map.of(), Map.of(), Map.of(), List.of(), Batch.EMPTY, Duration.ZERO, Duration.ZERO);
    }

    /** What one run cleaned: the raw records stored since the last run, and what became of them. */
    public record Batch(long input, long clean, long quarantined) {

        static final Batch EMPTY = new Batch(0, 0, 0);

        /** Every raw record of the run is accounted for. */
        public boolean balanced() {
            return input == clean + quarantined;
        }
    }

    public long clean() {
        return cleanRows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long quarantined() {
        return quarantinedByRule.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every raw record cleaned so far is accounted for: it is a clean row or a quarantined record. */
    public boolean balanced() {
        return input == clean() + quarantined();
    }
}
