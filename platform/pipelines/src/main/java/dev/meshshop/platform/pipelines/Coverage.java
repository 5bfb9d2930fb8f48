package dev.meshshop.platform.pipelines;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The periods in which events of {@code eventType} (or of any type, {@link Completeness#ALL_EVENTS}) occurred,
 * numbered from the epoch in periods of length {@code period}, in ascending order: what {@link Completeness} finds
 * in the events of one cleaning run. The cleaning stage keeps the periods of every run with the clean zone, so that
 * gaps are judged over the whole history, also when a gap's two ends arrive in different runs.
 */
public record Coverage(String eventType, Duration period, List<Long> periods) implements Serializable {

    public Coverage {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(period, "period");
        periods = List.copyOf(periods);
        for (int i = 1; i < periods.size(); i++) {
            if (periods.get(i) <= periods.get(i - 1)) {
                throw new IllegalArgumentException("The periods of a coverage ascend without repeats, were " + periods);
            }
        }
    }

    /** One gap for every run of periods without events between two periods with events. */
    public List<Gap> gaps() {
        var gaps = new ArrayList<Gap>();
        for (int i = 1; i < periods.size(); i++) {
            long last = periods.get(i - 1);
            long next = periods.get(i);
            if (next - last > 1) {
                gaps.add(new Gap(eventType, start(last + 1), start(next), next - last - 1, period));
            }
        }
        return gaps;
    }

    private Instant start(long periodNumber) {
        return Instant.EPOCH.plus(period.multipliedBy(periodNumber));
    }
}
