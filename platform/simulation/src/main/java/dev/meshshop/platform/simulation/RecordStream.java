package dev.meshshop.platform.simulation;

import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The records a simulated operational system sends, produced lazily: a domain's simulator says what happened
 * next ({@link #emitNext()}) and sends its events with {@link #send}; this class encodes them in the platform's
 * envelope, plants the delivery {@link Faults} (duplicates, malformed records) and counts what it planted.
 *
 * <p>Deterministic for a seed: the same seed sends the same records, event ids included.
 */
public abstract class RecordStream implements Iterator<SimulatedRecord> {

    private final Faults faults;
    private final String malformedTopic;
    private final SplittableRandom random;
    private final Random ids;
    private final EventCodec codec = new EventCodec();
    private final ArrayDeque<SimulatedRecord> pending = new ArrayDeque<>();
    private boolean exhausted;
    private int malformedKind;
    private long records;
    private long duplicates;
    private long notJson;
    private long noEventId;
    private long unknownType;

    /**
     * @param malformedTopic the topic malformed records are sent on (any of the domain's own)
     */
    protected RecordStream(long seed, Faults faults, String malformedTopic) {
        this.faults = faults;
        this.malformedTopic = malformedTopic;
        this.random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        this.ids = new Random(seed ^ 0x5DEECE66DL);
    }

    /**
     * Sends the events of what happens next, if anything does.
     *
     * @return false when the simulated system has nothing more to send
     */
    protected abstract boolean emitNext();

    /** Encodes and sends one event (twice, now and then), then perhaps a malformed record. */
    protected final <T extends Record> void send(EventType<T> type, String key, Instant occurredAt, T data) {
        sendEncoded(type.topic(), key, codec.encode(type, eventId(), occurredAt, data));
    }

    /** Sends a record the domain encoded itself, for faults of its own; duplicates and malformed ones still apply. */
    protected final void sendEncoded(String topic, String key, byte[] value) {
        var record = new SimulatedRecord(topic, key, value);
        pending.add(record);
        if (random.nextDouble() < faults.duplicate()) {
            pending.add(record);
            duplicates++;
        }
        if (random.nextDouble() < faults.malformed()) {
            pending.add(malformed(key));
        }
    }

    /** Encodes an event without sending it, for a domain that plants a fault of its own in the encoded bytes. */
    protected final <T extends Record> byte[] encode(EventType<T> type, Instant occurredAt, T data) {
        return codec.encode(type, eventId(), occurredAt, data);
    }

    /** The domain's own randomness for its faults, derived from the seed. */
    protected final SplittableRandom random() {
        return random;
    }

    /** What this stream has planted so far; complete once it is exhausted. */
    public final DeliveryTally tally() {
        return new DeliveryTally(records, duplicates, notJson, noEventId, unknownType);
    }

    @Override
    public final boolean hasNext() {
        while (pending.isEmpty() && !exhausted) {
            exhausted = !emitNext();
        }
        return !pending.isEmpty();
    }

    @Override
    public final SimulatedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        records++;
        return pending.poll();
    }

    /** Runs the stream to its end, discarding the records, and returns what it planted. */
    public final DeliveryTally drain() {
        while (hasNext()) {
            next();
        }
        return tally();
    }

    private SimulatedRecord malformed(String key) {
        String value =
                switch (malformedKind++ % 3) {
                    case 0 -> {
                        notJson++;
                        yield "event;" + key + ";broken";
                    }
                    case 1 -> {
                        noEventId++;
                        yield "{\"type\":\"Unknown\",\"schemaVersion\":1,\"data\":{}}";
                    }
                    default -> {
                        unknownType++;
                        yield "{\"eventId\":\"" + eventId() + "\",\"type\":\"SomethingTeleported\",\"schemaVersion\":1,"
                                + "\"occurredAt\":\"2025-06-01T00:00:00Z\",\"data\":{}}";
                    }
                };
        return new SimulatedRecord(malformedTopic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    private String eventId() {
        return new UUID(ids.nextLong(), ids.nextLong()).toString();
    }
}
