package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.itemSold;
import static dev.meshshop.platform.pipelines.RawEvents.keptBefore;
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
                .containsInAnyOrder(RawEvents.TOPIC + "/0@1", RawEvents.TOPIC + "/0@2", RawEvents.TOPIC + "/0@4");
        PAssert.that(routed.quarantined()
                        .apply(
                                "Reasons",
                                MapElements.into(TypeDescriptors.strings())
                                        .via(q -> q.rule() + ": " + q.event().offset() + ": " + q.reason())))
                .containsInAnyOrder(
                        "duplicate: 3: duplicate of event a: kept the copy at " + RawEvents.TOPIC + "/0@1",
                        "duplicate: 7: duplicate of event a: kept the copy at " + RawEvents.TOPIC + "/0@1");
        pipeline.run().waitUntilFinish();
    }

    @Test
    void theCopyStoredFirstWinsWhateverItsOccurrenceTime() {
        var storedFirst = RawEvents.at(itemSold("a", 5), RawEvents.MAY_FIRST_MICROS);
        var storedLater = RawEvents.at(itemSold("a", 9), RawEvents.MAY_FIRST_MICROS + 1_000_000);

        var routed = pipeline.apply(Create.of(storedLater, storedFirst).withCoder(RawEvent.Coder.of()))
                .apply(DeduplicateById.create());

        PAssert.that(routed.output()).containsInAnyOrder(storedFirst);
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
                .containsInAnyOrder(1L, 2L, 4L);
        PAssert.that(routed.quarantined()
                        .apply(
                                "QuarantinedOffsets",
                                MapElements.into(TypeDescriptors.longs())
                                        .via(q -> q.event().offset())))
                .containsInAnyOrder(3L, 7L);
        pipeline.run().waitUntilFinish();
    }

    @Test
    void anEventAnEarlierRunCleanedIsADuplicateWhateverThisRunHolds() {
        String kept = RawEvents.TOPIC + "/0@2";
        var events = pipeline.apply(Create.of(
                        withCopies(keptBefore(itemSold("a", 11), kept), 1),
                        withCopies(keptBefore(itemSold("b", 12), RawEvents.TOPIC + "/0@3"), 2),
                        withCopies(keptBefore(itemSold("b", 13), RawEvents.TOPIC + "/0@3"), 2),
                        withCopies(itemSold("c", 14), 1))
                .withCoder(RawEvent.Coder.of()));

        var routed = events.apply(DeduplicateById.create());

        PAssert.that(routed.output()
                        .apply(
                                "Offsets",
                                MapElements.into(TypeDescriptors.longs()).via(RawEvent::offset)))
                .containsInAnyOrder(14L);
        PAssert.that(routed.quarantined()
                        .apply(
                                "Reasons",
                                MapElements.into(TypeDescriptors.strings())
                                        .via(q -> q.rule() + ": " + q.event().offset() + ": " + q.reason())))
                .containsInAnyOrder(
                        "duplicate: 11: duplicate of event a: kept the copy at " + kept,
                        "duplicate: 12: duplicate of event b: kept the copy at " + RawEvents.TOPIC + "/0@3",
                        "duplicate: 13: duplicate of event b: kept the copy at " + RawEvents.TOPIC + "/0@3");
        pipeline.run().waitUntilFinish();
    }

    @Test
    void orderingIsByPositionInKafka() {
        var otherPartition = new RawEvent(RawEvents.TOPIC, 1, 0, "a", "ItemSold", 1, 0, "{}");
        var sorted = List.of(
                        RawEvents.at(itemSold("a", 3), 2),
                        otherPartition,
                        RawEvents.at(itemSold("a", 9), 1),
                        itemSold("a", 1))
                .stream()
                .sorted(DeduplicateById.STORED_FIRST)
                .map(RawEvent::source)
                .toList();
        assertThat(sorted)
                .containsExactly(
                        RawEvents.TOPIC + "/0@1",
                        RawEvents.TOPIC + "/0@3",
                        RawEvents.TOPIC + "/0@9",
                        RawEvents.TOPIC + "/1@0");
    }
}
