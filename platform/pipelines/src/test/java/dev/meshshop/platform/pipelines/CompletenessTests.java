package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.HOUR_MICROS;
import static dev.meshshop.platform.pipelines.RawEvents.MAY_FIRST_MICROS;
import static dev.meshshop.platform.pipelines.RawEvents.at;
import static dev.meshshop.platform.pipelines.RawEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.junit.jupiter.api.Test;

class CompletenessTests {

    static final Duration HOUR = Duration.ofHours(1);
    static final long MINUTE_MICROS = 60_000_000L;

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void findsTheHoursWithoutEventsBetweenTheFirstAndTheLastAndMergesThemIntoRanges() {
        var events = pipeline.apply(Create.of(
                        search(1, 0, 10),
                        search(2, 3, 20),
                        search(3, 3, 20),
                        search(4, 4, 0),
                        search(5, 7, 59),
                        at(event("ItemSold", 1, 6, "{}"), MAY_FIRST_MICROS + HOUR_MICROS + 30 * MINUTE_MICROS))
                .withCoder(RawEvent.Coder.of()));

        PAssert.that(gaps(events.apply("SearchGaps", Completeness.of("SearchPerformed", HOUR))))
                .containsInAnyOrder(
                        new Gap("SearchPerformed", may(1), may(3), 2, HOUR),
                        new Gap("SearchPerformed", may(5), may(7), 2, HOUR));
        PAssert.that(gaps(events.apply("AllGaps", Completeness.ofAllEvents(HOUR))))
                .containsInAnyOrder(
                        new Gap(Completeness.ALL_EVENTS, may(2), may(3), 1, HOUR),
                        new Gap(Completeness.ALL_EVENTS, may(5), may(7), 2, HOUR));
        pipeline.run().waitUntilFinish();
    }

    @Test
    void findsNoGapWhenEveryPeriodHasEventsOrThereAreNone() {
        var events = pipeline.apply(Create.of(search(1, 0, 0), search(2, 0, 59), search(3, 1, 0), search(4, 1, 1))
                .withCoder(RawEvent.Coder.of()));
        var none = pipeline.apply("NoEvents", Create.empty(RawEvent.Coder.of()));

        PAssert.that(gaps(events.apply("EveryHour", Completeness.of("SearchPerformed", HOUR))))
                .empty();
        PAssert.that(events.apply("OtherType", Completeness.of("ItemSold", HOUR)))
                .empty();
        PAssert.that(none.apply("Nothing", Completeness.ofAllEvents(HOUR))).empty();
        pipeline.run().waitUntilFinish();
    }

    @Test
    void theCoverageOfOneRunListsItsPeriodsAndAGapIsJudgedOverTheCoveragesOfEveryRun() {
        var firstRun = pipeline.apply(
                "FirstRun", Create.of(search(1, 0, 10), search(2, 1, 5)).withCoder(RawEvent.Coder.of()));
        long may = MAY_FIRST_MICROS / HOUR_MICROS;

        PAssert.that(firstRun.apply("FirstRunCoverage", Completeness.of("SearchPerformed", HOUR)))
                .containsInAnyOrder(new Coverage("SearchPerformed", HOUR, List.of(may, may + 1)));
        pipeline.run().waitUntilFinish();

        // a later run brings the hour after the gap; the stage keeps both runs' periods and judges them together
        var together = new Coverage("SearchPerformed", HOUR, List.of(may, may + 1, may + 4));
        assertThat(together.gaps()).containsExactly(new Gap("SearchPerformed", may(2), may(4), 2, HOUR));
        assertThatThrownBy(() -> new Coverage("SearchPerformed", HOUR, List.of(may + 1, may)))
                .hasMessageContaining("ascend");
    }

    @Test
    void periodsMustAlignToUtc() {
        assertThatThrownBy(() -> Completeness.of("SearchPerformed", Duration.ofMinutes(7)))
                .hasMessage("The period of the completeness of SearchPerformed is PT7M; it must divide a day evenly"
                        + " (PT1H, PT15M) or be whole days (P1D), so that periods align to UTC");
        assertThatThrownBy(() -> Completeness.ofAllEvents(Duration.ZERO)).hasMessageContaining("of events is PT0S");
        Completeness.ofAllEvents(Duration.ofDays(7));
    }

    private static PCollection<Gap> gaps(PCollection<Coverage> coverage) {
        return coverage.apply(
                        "Gaps" + coverage.getName(),
                        FlatMapElements.into(TypeDescriptor.of(Gap.class)).via(Coverage::gaps))
                .setCoder(SerializableCoder.of(Gap.class));
    }

    /** A search at {@code hour:minute} on the first of May. */
    private static RawEvent search(long offset, int hour, int minute) {
        return at(
                event("SearchPerformed", 1, offset, "{}"),
                MAY_FIRST_MICROS + hour * HOUR_MICROS + minute * MINUTE_MICROS);
    }

    private static Instant may(int hour) {
        return Instant.parse("2026-05-01T00:00:00Z").plus(Duration.ofHours(hour));
    }
}
