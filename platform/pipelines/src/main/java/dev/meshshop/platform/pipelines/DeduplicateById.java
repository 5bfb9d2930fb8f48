package dev.meshshop.platform.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Keeps one event per event id: the latest (by occurrence time, then by position in Kafka). Kafka delivers
 * at least once, so the same event can arrive several times; the other copies are routed to quarantine under
 * rule {@code duplicate}, naming the copy that was kept.
 *
 * <p>Only a small reference to each copy is grouped by id (time and Kafka position, not the event's data),
 * and only the ids that occur more than once travel on, as a side input. The events themselves are never
 * shuffled: each is kept or set aside where it is read. Duplicates are rare, so that side input is small.
 */
public final class DeduplicateById extends PTransform<PCollection<RawEvent>, Routed<RawEvent>> {

    public static final String RULE = "duplicate";

    static final Comparator<RawEvent> LATEST_LAST = Comparator.comparing(Copy::of, Copy.LATEST_LAST);

    private static final TupleTag<RawEvent> UNIQUE = new TupleTag<>("unique") {};

    public static DeduplicateById create() {
        return new DeduplicateById();
    }

    @Override
    public Routed<RawEvent> expand(PCollection<RawEvent> events) {
        PCollectionView<Map<String, Copy>> duplicated = events.apply("ReferenceEachCopy", ParDo.of(new ReferenceCopy()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), Copy.Coder.INSTANCE))
                .apply("FindLatestCopyPerId", Combine.perKey(new LatestCopy()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), Copy.Coder.INSTANCE))
                .apply("OnlyIdsWithCopies", ParDo.of(new OnlyDuplicated()))
                .setCoder(KvCoder.of(StringUtf8Coder.of(), Copy.Coder.INSTANCE))
                .apply("AsSideInput", View.asMap());
        var tuple = events.apply(
                "KeepLatestCopy",
                ParDo.of(new KeepLatest(duplicated))
                        .withSideInputs(duplicated)
                        .withOutputTags(UNIQUE, TupleTagList.of(Routed.QUARANTINE)));
        return Routed.of(tuple, UNIQUE, RawEvent.Coder.of());
    }

    /**
     * Where one copy of an event is, and when the event occurred: enough to pick the latest copy. The count
     * says how many copies the reference stands for once references are combined.
     */
    record Copy(long occurredAtMicros, String topic, int partition, long offset, int count) {

        static final Comparator<Copy> LATEST_LAST = Comparator.comparingLong(Copy::occurredAtMicros)
                .thenComparing(Copy::topic)
                .thenComparingInt(Copy::partition)
                .thenComparingLong(Copy::offset);

        static Copy of(RawEvent event) {
            return new Copy(event.occurredAtMicros(), event.topic(), event.partition(), event.offset(), 1);
        }

        boolean isAt(RawEvent event) {
            return offset == event.offset() && partition == event.partition() && topic.equals(event.topic());
        }

        String source() {
            return topic + "/" + partition + "@" + offset;
        }

        static final class Coder extends AtomicCoder<Copy> {
            static final Coder INSTANCE = new Coder();

            @Override
            public void encode(Copy copy, OutputStream out) throws IOException {
                VarLongCoder.of().encode(copy.occurredAtMicros, out);
                StringUtf8Coder.of().encode(copy.topic, out);
                VarIntCoder.of().encode(copy.partition, out);
                VarLongCoder.of().encode(copy.offset, out);
                VarIntCoder.of().encode(copy.count, out);
            }

            @Override
            public Copy decode(InputStream in) throws IOException {
                return new Copy(
                        VarLongCoder.of().decode(in),
                        StringUtf8Coder.of().decode(in),
                        VarIntCoder.of().decode(in),
                        VarLongCoder.of().decode(in),
                        VarIntCoder.of().decode(in));
            }

            @Override
            public void verifyDeterministic() {}
        }
    }

    static final class ReferenceCopy extends DoFn<RawEvent, KV<String, Copy>> {
        @ProcessElement
        public void process(@Element RawEvent event, OutputReceiver<KV<String, Copy>> out) {
            out.output(KV.of(event.eventId(), Copy.of(event)));
        }
    }

    /** Combines references to copies of one event into the latest one, counting them. */
    static final class LatestCopy extends Combine.BinaryCombineFn<Copy> {
        @Override
        public Copy apply(Copy left, Copy right) {
            Copy latest = Copy.LATEST_LAST.compare(left, right) >= 0 ? left : right;
            return new Copy(
                    latest.occurredAtMicros, latest.topic, latest.partition, latest.offset, left.count + right.count);
        }
    }

    static final class OnlyDuplicated extends DoFn<KV<String, Copy>, KV<String, Copy>> {
        @ProcessElement
        public void process(@Element KV<String, Copy> latest, OutputReceiver<KV<String, Copy>> out) {
            if (latest.getValue().count() > 1) {
                out.output(latest);
            }
        }
    }

    static final class KeepLatest extends DoFn<RawEvent, RawEvent> {

        private final PCollectionView<Map<String, Copy>> duplicated;

        KeepLatest(PCollectionView<Map<String, Copy>> duplicated) {
            this.duplicated = duplicated;
        }

        @ProcessElement
        public void process(@Element RawEvent event, MultiOutputReceiver out, ProcessContext context) {
            Copy latest = context.sideInput(duplicated).get(event.eventId());
            if (latest == null || latest.isAt(event)) {
                out.get(UNIQUE).output(event);
            } else {
                out.get(Routed.QUARANTINE)
                        .output(Quarantined.of(
                                event,
                                RULE,
                                "duplicate of event " + event.eventId() + ": kept the copy at " + latest.source()));
            }
        }
    }
}
