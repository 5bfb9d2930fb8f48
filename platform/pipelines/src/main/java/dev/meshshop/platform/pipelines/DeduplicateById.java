package dev.meshshop.platform.pipelines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one event per event id: the latest (by occurrence time, then by position in Kafka). Kafka delivers
 * at least once, so the same event can arrive several times; the other copies are routed to quarantine under
 * rule {@code duplicate}, naming the copy that was kept.
 *
 * <p>Grouping by id means moving every event across the pipeline, which is the expensive part of cleaning.
 * So when the source knows how many copies of an event it holds ({@link RawEvent#copies()}), only the events
 * with more than one copy are grouped; the others, nearly all of them, pass straight on. Events whose number
 * of copies is unknown are grouped, so the result is the same either way.
 */
public final class DeduplicateById extends PTransform<PCollection<RawEvent>, Routed<RawEvent>> {

    public static final String RULE = "duplicate";

    static final Comparator<RawEvent> LATEST_LAST = Comparator.comparingLong(RawEvent::occurredAtMicros)
            .thenComparing(RawEvent::topic)
            .thenComparingInt(RawEvent::partition)
            .thenComparingLong(RawEvent::offset);

    private static final TupleTag<RawEvent> KEPT = new TupleTag<>("kept") {};

    public static DeduplicateById create() {
        return new DeduplicateById();
    }

    @Override
    public Routed<RawEvent> expand(PCollection<RawEvent> events) {
        PCollection<RawEvent> single = events.apply("DeliveredOnce", Filter.by(event -> event.copies() == 1));
        PCollectionTuple grouped = events.apply("MayHaveCopies", Filter.by(event -> event.copies() != 1))
                .apply("KeyByEventId", WithKeys.of(RawEvent::eventId).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), RawEvent.Coder.of()))
                .apply("GroupCopies", GroupByKey.create())
                .apply(
                        "KeepLatestCopy",
                        ParDo.of(new KeepLatest()).withOutputTags(KEPT, TupleTagList.of(Routed.QUARANTINE)));
        var kept = grouped.get(KEPT).setCoder(RawEvent.Coder.of());
        var unique = PCollectionList.of(single).and(kept).apply("AllUnique", Flatten.pCollections());
        return Routed.of(
                PCollectionTuple.of(KEPT, unique).and(Routed.QUARANTINE, grouped.get(Routed.QUARANTINE)),
                KEPT,
                RawEvent.Coder.of());
    }

    static final class KeepLatest extends DoFn<KV<String, Iterable<RawEvent>>, RawEvent> {

        @ProcessElement
        public void process(@Element KV<String, Iterable<RawEvent>> copies, MultiOutputReceiver out) {
            // A grouped result may be iterated only once (Flink streams it), so older copies are kept aside.
            RawEvent latest = null;
            List<RawEvent> older = new ArrayList<>(0);
            for (RawEvent copy : copies.getValue()) {
                if (latest == null) {
                    latest = copy;
                } else if (LATEST_LAST.compare(copy, latest) > 0) {
                    older.add(latest);
                    latest = copy;
                } else {
                    older.add(copy);
                }
            }
            out.get(KEPT).output(latest);
            for (RawEvent copy : older) {
                out.get(Routed.QUARANTINE)
                        .output(Quarantined.of(
                                copy,
                                RULE,
                                "duplicate of event " + copy.eventId() + ": kept the copy at " + latest.source()));
            }
        }
    }
}
