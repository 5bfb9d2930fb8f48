package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.itemSold;
import static dev.meshshop.platform.pipelines.RawEvents.withCopies;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class DeduplicateByIdTests {

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void keepsOneCopyPerEventIdAndQuarantinesTheOthersNamingTheKeptCopy() {
        var events = pipeline.apply(
                Create.of(itemSold("a", 1), itemSold("b", 2), itemSold("a", 3), itemSold("a", 7), itemSold("c", 4))
                        .withCoder(RawEvent.Coder.of()));

        var routed = events.apply(DeduplicateById.create());

        PAssert.that(routed.output()
                        .apply(MapElements.into(TypeDescriptors.strings()).via(RawEvent::source)))
                .containsInAnyOrder(RawEvents.TOPIC + "/0@7", RawEvents.TOPIC + "/0@2", RawEvents.TOPIC + "/0@4");
        PAssert.that(routed.quarantined()
                        .apply(
                                "Reasons",
                                MapElements.into(TypeDescriptors.strings())
                                        .via(q -> q.rule() + ": " + q.event().offset() + ": " + q.reason())))
                .containsInAnyOrder(
                        "duplicate: 1: duplicate of event a: kept the copy at " + RawEvents.TOPIC + "/0@7",
                        "duplicate: 3: duplicate of event a: kept the copy at " + RawEvents.TOPIC + "/0@7");
        pipeline.run().waitUntilFinish();
    }

    @Test
    void theLatestCopyByOccurrenceTimeWinsOverTheLatestOffset() {
        var older = RawEvents.at(itemSold("a", 9), RawEvents.MAY_FIRST_MICROS);
        var newer = RawEvents.at(itemSold("a", 5), RawEvents.MAY_FIRST_MICROS + 1_000_000);

        var routed = pipeline.apply(Create.of(older, newer).withCoder(RawEvent.Coder.of()))
                .apply(DeduplicateById.create());

        PAssert.that(routed.output()).containsInAnyOrder(newer);
        PAssert.that(routed.quarantined()
                        .apply(MapElements.into(TypeDescriptors.longs())
                                .via(q -> q.event().offset())))
                .containsInAnyOrder(9L);
        pipeline.run().waitUntilFinish();
    }

    @Test
    void givesTheSameResultWhenTheSourceCountedTheCopies() {
        var events = pipeline.apply(Create.of(
                        withCopies(itemSold("a", 1), 3),
                        withCopies(itemSold("b", 2), 1),
                        withCopies(itemSold("a", 3), 3),
                        withCopies(itemSold("a", 7), 3),
                        withCopies(itemSold("c", 4), 1))
                .withCoder(RawEvent.Coder.of()));

        var routed = events.apply(DeduplicateById.create());

        PAssert.that(routed.output()
                        .apply(
                                "Offsets",
                                MapElements.into(TypeDescriptors.longs()).via(RawEvent::offset)))
                .containsInAnyOrder(7L, 2L, 4L);
        PAssert.that(routed.quarantined()
                        .apply(
                                "QuarantinedOffsets",
                                MapElements.into(TypeDescriptors.longs())
                                        .via(q -> q.event().offset())))
                .containsInAnyOrder(1L, 3L);
        pipeline.run().waitUntilFinish();
    }

    @Test
    void orderingPrefersTimeThenPosition() {
        var sorted =
                List.of(RawEvents.at(itemSold("a", 3), 2), RawEvents.at(itemSold("a", 9), 1), itemSold("a", 1)).stream()
                        .sorted(DeduplicateById.LATEST_LAST)
                        .map(RawEvent::offset)
                        .toList();
        assertThat(sorted).containsExactly(9L, 3L, 1L);
    }
}
