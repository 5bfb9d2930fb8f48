package dev.meshshop.platform.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * An event as the raw zone holds it, on its way into a cleaning pipeline: where it came from, its envelope
 * fields, and its data as JSON text.
 *
 * <p>{@code copies} is how many records of the raw zone carry this event id, when the source knows it (the
 * raw zone does, with one index lookup); {@link #UNKNOWN_COPIES} when it does not. It lets deduplication
 * leave alone the events that were delivered once, which is nearly all of them. Cleaning runs over the records
 * stored since the last clean, so {@code copies} counts the copies among those records, and {@code keptCopy} names
 * the copy of the same event that an earlier run already cleaned ({@link #source()} of it), or is null when there
 * is none: such an event is a duplicate whatever its own run holds.
 */
public record RawEvent(
        String topic,
        int partition,
        long offset,
        String eventId,
        String eventType,
        int schemaVersion,
        long occurredAtMicros,
        String data,
        int copies,
        String keptCopy) {

    public static final int UNKNOWN_COPIES = 0;

    /** An event no earlier run cleaned a copy of. */
    public RawEvent(
            String topic,
            int partition,
            long offset,
            String eventId,
            String eventType,
            int schemaVersion,
            long occurredAtMicros,
            String data,
            int copies) {
        this(topic, partition, offset, eventId, eventType, schemaVersion, occurredAtMicros, data, copies, null);
    }

    /** An event whose number of copies the source does not know. */
    public RawEvent(
            String topic,
            int partition,
            long offset,
            String eventId,
            String eventType,
            int schemaVersion,
            long occurredAtMicros,
            String data) {
        this(topic, partition, offset, eventId, eventType, schemaVersion, occurredAtMicros, data, UNKNOWN_COPIES);
    }

    /** Where the event was read from, for reasons and lineage: {@code topic/partition@offset}. */
    public String source() {
        return topic + "/" + partition + "@" + offset;
    }

    /** The same event with its data rewritten by a step, in the same schema version. */
    RawEvent withData(String newData) {
        return withData(newData, schemaVersion);
    }

    /** The same event with its data rewritten by a step into the shape of another schema version. */
    RawEvent withData(String newData, int newSchemaVersion) {
        return new RawEvent(
                topic,
                partition,
                offset,
                eventId,
                eventType,
                newSchemaVersion,
                occurredAtMicros,
                newData,
                copies,
                keptCopy);
    }

    /** A compact, deterministic coder: the fields in order, no reflection. */
    public static final class Coder extends AtomicCoder<RawEvent> {

        private static final Coder INSTANCE = new Coder();
        private static final StringUtf8Coder STRING = StringUtf8Coder.of();
        private static final VarIntCoder INT = VarIntCoder.of();
        private static final VarLongCoder LONG = VarLongCoder.of();

        public static Coder of() {
            return INSTANCE;
        }

        @Override
        public void encode(RawEvent event, OutputStream out) throws IOException {
            STRING.encode(event.topic, out);
            INT.encode(event.partition, out);
            LONG.encode(event.offset, out);
            STRING.encode(event.eventId, out);
            STRING.encode(event.eventType, out);
            INT.encode(event.schemaVersion, out);
            LONG.encode(event.occurredAtMicros, out);
            STRING.encode(event.data, out);
            INT.encode(event.copies, out);
            out.write(event.keptCopy == null ? 0 : 1);
            if (event.keptCopy != null) {
                STRING.encode(event.keptCopy, out);
            }
        }

        @Override
        public RawEvent decode(InputStream in) throws IOException {
            return new RawEvent(
                    STRING.decode(in),
                    INT.decode(in),
                    LONG.decode(in),
                    STRING.decode(in),
                    STRING.decode(in),
                    INT.decode(in),
                    LONG.decode(in),
                    STRING.decode(in),
                    INT.decode(in),
                    in.read() == 1 ? STRING.decode(in) : null);
        }

        @Override
        public void verifyDeterministic() {}
    }
}
