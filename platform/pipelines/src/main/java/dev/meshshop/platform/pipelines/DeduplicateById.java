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
 * Keeps one event per event id: the copy stored first (by position in Kafka: topic, partition, offset). Kafka
 * delivers at least once, so the same event can arrive several times; the other copies are routed to quarantine
 * under rule {@code duplicate}, naming the copy that was kept.
 *
 * <p>Cleaning runs over the records stored since the last clean, so a copy may arrive runs after the event was
 * cleaned: an event whose copy an earlier run kept ({@link RawEvent#keptCopy()}) is a duplicate, whichever run it
 * arrives in. Because the copy stored first is the one kept, the result is the same whether the events are cleaned
 * in one run or in many (copies of an event share its key, so they share a partition).
 *
 * <p>Grouping by id means moving every event across the pipeline, which is the expensive part of cleaning.
 * So when the source knows how many copies of an event it holds ({@link RawEvent#copies()}), only the events
 * with more than one copy are grouped; the others, nearly all of them, pass straight on. Events whose number
 * of copies is unknown are grouped, so the result is the same either way.
 */
public final class DeduplicateById extends PTransform<PCollection<RawEvent>, Routed<RawEvent>> {

    public static final String RULE = "duplicate";

    /** Stored first, first: by position in Kafka. */
    static final Comparator<RawEvent> STORED_FIRST = Comparator.comparing(RawEvent::topic)
            .thenComparingInt(RawEvent::partition)
            .thenComparingLong(RawEvent::offset);

    private static final TupleTag<RawEvent> KEPT = new TupleTag<>("kept") {};

    public static DeduplicateById create() {
        return new DeduplicateById();
    }

    @Override
    public Routed<RawEvent> expand(PCollection<RawEvent> events) {
        PCollectionTuple earlier = events.apply(
                "SetAsideCopiesCleanedBefore",
                ParDo.of(new SetAsideCleanedBefore()).withOutputTags(KEPT, TupleTagList.of(Routed.QUARANTINE)));
        PCollection<RawEvent> notCleanedBefore = earlier.get(KEPT).setCoder(RawEvent.Coder.of());
        PCollection<RawEvent> single = notCleanedBefore.apply("DeliveredOnce", Filter.by(event -> event.copies() == 1));
        PCollectionTuple grouped = notCleanedBefore
                .apply("MayHaveCopies", Filter.by(event -> event.copies() != 1))
                .apply("KeyByEventId", WithKeys.of(RawEvent::eventId).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), RawEvent.Coder.of()))
                .apply("GroupCopies", GroupByKey.create())
                .apply(
                        "KeepFirstStoredCopy",
                        ParDo.of(new KeepFirstStored()).withOutputTags(KEPT, TupleTagList.of(Routed.QUARANTINE)));
        var kept = grouped.get(KEPT).setCoder(RawEvent.Coder.of());
        var unique = PCollectionList.of(single).and(kept).apply("AllUnique", Flatten.pCollections());
        var duplicates = PCollectionList.of(earlier.get(Routed.QUARANTINE).setCoder(Quarantined.Coder.of()))
                .and(grouped.get(Routed.QUARANTINE).setCoder(Quarantined.Coder.of()))
                .apply("AllDuplicates", Flatten.pCollections());
        return Routed.of(
                PCollectionTuple.of(KEPT, unique).and(Routed.QUARANTINE, duplicates), KEPT, RawEvent.Coder.of());
    }

    /** Routes the copies of events that an earlier run cleaned to quarantine; passes the others on. */
    static final class SetAsideCleanedBefore extends DoFn<RawEvent, RawEvent> {

        @ProcessElement
        public void process(@Element RawEvent event, MultiOutputReceiver out) {
            if (event.keptCopy() == null) {
                out.get(KEPT).output(event);
            } else {
                out.get(Routed.QUARANTINE).output(duplicate(event, event.keptCopy()));
            }
        }
    }

    static final class KeepFirstStored extends DoFn<KV<String, Iterable<RawEvent>>, RawEvent> {

        @ProcessElement
        public void process(@Element KV<String, Iterable<RawEvent>> copies, MultiOutputReceiver out) {
            // A grouped result may be iterated only once (Flink streams it), so later copies are kept aside.
            RawEvent first = null;
            List<RawEvent> later = new ArrayList<>(0);
            for (RawEvent copy : copies.getValue()) {
                if (first == null) {
                    first = copy;
                } else if (STORED_FIRST.compare(copy, first) < 0) {
                    later.add(first);
                    first = copy;
                } else {
                    later.add(copy);
                }
            }
            out.get(KEPT).output(first);
            for (RawEvent copy : later) {
                out.get(Routed.QUARANTINE).output(duplicate(copy, first.source()));
            }
        }
    }

    private static Quarantined duplicate(RawEvent copy, String kept) {
        return Quarantined.of(copy, RULE, "duplicate of event " + copy.eventId() + ": kept the copy at " + kept);
    }
}
