package dev.meshshop.platform.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a Kafka record can enter the raw zone: it must be a JSON envelope with an event id, a type
 * known on its topic, a schema version, an occurrence time and a data object. Anything else is quarantined
 * with a reason that says what was wrong; nothing about the data inside the envelope is judged here (that
 * is cleaning's job).
 */
final class RecordCheck {

    private final JsonFactory factory = new JsonFactory();
    private final Map<String, Set<String>> typesByTopic;

    RecordCheck(Map<String, Set<String>> typesByTopic) {
        this.typesByTopic = typesByTopic;
    }

    sealed interface Verdict permits Accepted, Rejected {}

    record Accepted(String eventId, String type, int schemaVersion, Instant occurredAt, String message)
            implements Verdict {}

    record Rejected(String rule, String reason, String eventId) implements Verdict {}

    Verdict check(String topic, byte[] value) {
        if (value == null || value.length == 0) {
            return new Rejected("empty", "empty record: a domain event needs a JSON envelope", null);
        }
        Envelope envelope;
        try {
            envelope = Envelope.read(factory, value);
        } catch (JsonProcessingException e) {
            return new Rejected("not-json", "not JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            return new Rejected("not-json", "unreadable: " + e.getMessage(), null);
        }
        if (envelope == null) {
            return new Rejected(
                    "not-an-envelope",
                    "not a JSON object: the envelope must be {\"eventId\": ..., \"type\": ..., ...}",
                    null);
        }
        String eventId = blankToNull(envelope.eventId);
        if (eventId == null) {
            return new Rejected("no-event-id", "no eventId: every event needs a unique, non-blank eventId", null);
        }
        String type = blankToNull(envelope.type);
        Set<String> known = typesByTopic.getOrDefault(topic, Set.of());
        if (type == null || !known.contains(type)) {
            return new Rejected(
                    "unknown-type",
                    "unknown event type '" + type + "' on topic " + topic + "; expected one of " + new TreeSet<>(known),
                    eventId);
        }
        if (envelope.schemaVersion < 1) {
            return new Rejected(
                    "no-schema-version",
                    "no schemaVersion: " + type + " needs a positive integer schemaVersion",
                    eventId);
        }
        String time = blankToNull(envelope.occurredAt);
        if (time == null) {
            return new Rejected("no-occurred-at", "no occurredAt: " + type + " needs an ISO-8601 occurredAt", eventId);
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(time);
        } catch (DateTimeParseException e) {
            return new Rejected(
                    "no-occurred-at", "occurredAt is not an ISO-8601 instant such as 2026-11-27T10:15:30Z", eventId);
        }
        if (!envelope.dataIsObject) {
            return new Rejected("no-data", "no data object: " + type + " carries its fields under \"data\"", eventId);
        }
        return new Accepted(
                eventId, type, envelope.schemaVersion, occurredAt, new String(value, StandardCharsets.UTF_8));
    }

    /**
     * The envelope's fields, read with a streaming parser that skips over the event's data: ingest judges the
     * envelope only, and this is its hot path.
     */
    private static final class Envelope {
        String eventId;
        String type;
        int schemaVersion;
        String occurredAt;
        boolean dataIsObject;

        /** The envelope, or null when the record is JSON but not an object. */
        static Envelope read(JsonFactory factory, byte[] value) throws IOException {
            try (JsonParser parser = factory.createParser(value)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    // still read the rest, so that "not JSON" wins over "not an object" for broken input
                    while (parser.nextToken() != null) {
                        parser.skipChildren();
                    }
                    return null;
                }
                var envelope = new Envelope();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken token = parser.nextToken();
                    switch (field) {
                        case EventCodec.EVENT_ID ->
                            envelope.eventId = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case EventCodec.TYPE ->
                            envelope.type = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case EventCodec.SCHEMA_VERSION ->
                            envelope.schemaVersion = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                        case EventCodec.OCCURRED_AT ->
                            envelope.occurredAt = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                        case EventCodec.DATA -> envelope.dataIsObject = token == JsonToken.START_OBJECT;
                        default -> {}
                    }
                    parser.skipChildren();
                }
                if (parser.nextToken() != null) {
                    throw new JsonParseException(parser, "trailing content after the envelope");
                }
                return envelope;
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
