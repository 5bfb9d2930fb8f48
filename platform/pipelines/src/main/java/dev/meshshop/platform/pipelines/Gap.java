package dev.meshshop.platform.pipelines;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Periods without a single event of {@code eventType} (or of any type, {@link Completeness#ALL_EVENTS}) between
 * its first and its last event: {@code missingPeriods} periods of length {@code period}, from {@code from}
 * (inclusive) to {@code to} (exclusive). Found by {@link Completeness}.
 */
public record Gap(String eventType, Instant from, Instant to, long missingPeriods, Duration period)
        implements Serializable {

    @Override
    public String toString() {
        return "no " + eventType + " from " + from + " to " + to + " (" + missingPeriods + " x " + period + ")";
    }
}
