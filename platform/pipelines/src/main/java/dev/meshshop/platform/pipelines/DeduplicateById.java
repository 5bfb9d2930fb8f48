package dev.meshshop.platform.pipelines;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one event per event id: the latest (by occurrence time, then by position in Kafka). Kafka delivers
 * at least once, so the same event can arrive several times; the other copies are routed to quarantine under
 * rule {@code duplicate}, naming the copy that was kept.
 */
public final class DeduplicateById extends PTransform<PCollection<RawEvent>, Routed<RawEvent>> {

    public static final String RULE = "duplicate";

    static final Comparator<RawEvent> LATEST_LAST = Comparator.comparingLong(RawEvent::occurredAtMicros)
            .thenComparing(RawEvent::topic)
            .thenComparingInt(RawEvent::partition)
            .thenComparingLong(RawEvent::offset);

    private static final TupleTag<RawEvent> UNIQUE = new TupleTag<>("unique") {};

    public static DeduplicateById create() {
        return new DeduplicateById();
    }

    @Override
    public Routed<RawEvent> expand(PCollection<RawEvent> events) {
        var tuple = events.apply("KeyByEventId", WithKeys.of(RawEvent::eventId).withKeyType(TypeDescriptors.strings()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), RawEvent.Coder.of()))
                .apply("GroupCopies", GroupByKey.create())
                .apply(
                        "KeepLatestCopy",
                        ParDo.of(new KeepLatest()).withOutputTags(UNIQUE, TupleTagList.of(Routed.QUARANTINE)));
        return Routed.of(tuple, UNIQUE, RawEvent.Coder.of());
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
            out.get(UNIQUE).output(latest);
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
