package dev.meshshop.platform.ingest;

import dev.meshshop.platform.events.EventCodec;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a Kafka record can enter the raw zone: it decodes the record's envelope with ingest's limits
 * and the event types of the record's topic. What the envelope must be, and the rule and reason of each record
 * that is not, are {@link EventCodec#decode}'s; a refused record is quarantined with them.
 */
final class RecordCheck {

    private final Map<String, Set<String>> typesByTopic;
    private final EventCodec codec;

    RecordCheck(Map<String, Set<String>> typesByTopic) {
        this(typesByTopic, IngestOptions.DEFAULTS);
    }

    RecordCheck(Map<String, Set<String>> typesByTopic, IngestOptions options) {
        this(typesByTopic, options, EventCodec.Limits.EARLIEST, EventCodec.Limits.LATEST);
    }

    /** With another range of instants: only tests widen it, to see what the raw zone does without the check. */
    RecordCheck(Map<String, Set<String>> typesByTopic, IngestOptions options, Instant earliest, Instant latest) {
        this.typesByTopic = typesByTopic;
        this.codec = new EventCodec(
                new EventCodec.Limits(options.maxEventBytes(), options.maxNestingDepth(), earliest, latest));
    }

    EventCodec.Decoded check(String topic, byte[] value) {
        return codec.decode(value, topic, typesByTopic.getOrDefault(topic, Set.of()));
    }
}
