package dev.meshshop.platform.pipelines;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Finds the periods in which an event type had no events at all, between its first and its last event: an
 * hour without a single search in a shop that is open all day means an outage or a lost export, and the numbers
 * built on it are wrong. Periods are aligned to UTC (an hour starts at a full hour). Consecutive empty periods
 * are one {@link Gap}; the cleaning report lists them ({@link CleaningPlan#reportGaps}).
 *
 * <p>It only observes, so it sets nothing aside and returns the gaps, not the events. The periods that have
 * events are collected in one accumulator ({@code Combine.globally}) rather than counted per period with a key
 * each: a key costs the direct runner several milliseconds, and a year has 8,760 hours.
 */
public final class Completeness extends PTransform<PCollection<RawEvent>, PCollection<Gap>> {

    /** The event type of the gaps found over all events. */
    public static final String ALL_EVENTS = "events";

    private static final Duration DAY = Duration.ofDays(1);

    /** The type whose events are counted, or null for all of them. */
    private final String eventType;

    private final Duration period;

    private Completeness(String eventType, Duration period) {
        this.eventType = eventType;
        if (period.compareTo(Duration.ofSeconds(1)) < 0
                || (DAY.toNanos() % period.toNanos() != 0 && period.toNanos() % DAY.toNanos() != 0)) {
            throw new IllegalArgumentException("The period of the completeness of " + label() + " is " + period
                    + "; it must divide a day evenly (PT1H, PT15M) or be whole days (P1D), so that periods align"
                    + " to UTC");
        }
        this.period = period;
    }

    /** Gaps of {@code period} or longer in the events of {@code eventType}. */
    public static Completeness of(String eventType, Duration period) {
        return new Completeness(Objects.requireNonNull(eventType, "eventType"), period);
    }

    /** Gaps of {@code period} or longer in the events of every type together. */
    public static Completeness ofAllEvents(Duration period) {
        return new Completeness(null, period);
    }

    @Override
    public PCollection<Gap> expand(PCollection<RawEvent> events) {
        String type = eventType;
        var selected = type == null
                ? events
                : events.apply(
                        "Select" + type, Filter.by(event -> event.eventType().equals(type)));
        return selected.apply("PeriodsWithEvents", Combine.globally(new PeriodsWithEvents(period.toNanos() / 1000)))
                .apply("MissingPeriods", ParDo.of(new MissingPeriods(label(), period)))
                .setCoder(SerializableCoder.of(Gap.class));
    }

    private String label() {
        return eventType == null ? ALL_EVENTS : eventType;
    }

    /** The periods that have events, numbered from the epoch, in order. */
    static final class PeriodsWithEvents extends Combine.CombineFn<RawEvent, Set<Long>, List<Long>> {

        private final long periodMicros;

        PeriodsWithEvents(long periodMicros) {
            this.periodMicros = periodMicros;
        }

        @Override
        public Set<Long> createAccumulator() {
            return new HashSet<>();
        }

        @Override
        public Set<Long> addInput(Set<Long> periods, RawEvent event) {
            periods.add(Math.floorDiv(event.occurredAtMicros(), periodMicros));
            return periods;
        }

        @Override
        public Set<Long> mergeAccumulators(Iterable<Set<Long>> accumulators) {
            var merged = new HashSet<Long>();
            accumulators.forEach(merged::addAll);
            return merged;
        }

        @Override
        public List<Long> extractOutput(Set<Long> periods) {
            var sorted = new ArrayList<>(periods);
            Collections.sort(sorted);
            return sorted;
        }
    }

    /** One gap for every run of periods without events between two periods with events. */
    static final class MissingPeriods extends DoFn<List<Long>, Gap> {

        private final String eventType;
        private final Duration period;

        MissingPeriods(String eventType, Duration period) {
            this.eventType = eventType;
            this.period = period;
        }

        @ProcessElement
        public void process(@Element List<Long> periods, OutputReceiver<Gap> out) {
            for (int i = 1; i < periods.size(); i++) {
                long last = periods.get(i - 1);
                long next = periods.get(i);
                if (next - last > 1) {
                    out.output(new Gap(eventType, start(last + 1), start(next), next - last - 1, period));
                }
            }
        }

        private Instant start(long periodNumber) {
            return Instant.EPOCH.plus(period.multipliedBy(periodNumber));
        }
    }
}
