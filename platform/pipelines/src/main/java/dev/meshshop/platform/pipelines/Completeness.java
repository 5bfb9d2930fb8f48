package dev.meshshop.platform.pipelines;

import java.time.Duration;
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
 * are one {@link Gap}.
 *
 * <p>It only observes, so it sets nothing aside. It returns the {@link Coverage} of the events it saw, the periods
 * that have events, as one element; {@link CleaningPlan#reportGaps} hands it to the cleaning stage, which judges the
 * gaps over the periods of every run so far, so that a gap is found however the events were split into runs. The
 * periods are collected in one accumulator ({@code Combine.globally}) rather than counted per period with a key
 * each: a key costs the direct runner several milliseconds, and a year has 8,760 hours.
 */
public final class Completeness extends PTransform<PCollection<RawEvent>, PCollection<Coverage>> {

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
    public PCollection<Coverage> expand(PCollection<RawEvent> events) {
        String type = eventType;
        var selected = type == null
                ? events
                : events.apply(
                        "Select" + type, Filter.by(event -> event.eventType().equals(type)));
        return selected.apply("PeriodsWithEvents", Combine.globally(new PeriodsWithEvents(period.toNanos() / 1000)))
                .apply("Coverage", ParDo.of(new ToCoverage(label(), period)))
                .setCoder(SerializableCoder.of(Coverage.class));
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

    /** The periods with events as a coverage; none when there were no events (nothing to judge). */
    static final class ToCoverage extends DoFn<List<Long>, Coverage> {

        private final String eventType;
        private final Duration period;

        ToCoverage(String eventType, Duration period) {
            this.eventType = eventType;
            this.period = period;
        }

        @ProcessElement
        public void process(@Element List<Long> periods, OutputReceiver<Coverage> out) {
            if (!periods.isEmpty()) {
                out.output(new Coverage(eventType, period, periods));
            }
        }
    }
}
