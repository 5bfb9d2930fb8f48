package dev.meshshop.platform.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final ObjectMapper mapper = new ObjectMapper();
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
        JsonNode envelope;
        try {
            envelope = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            return new Rejected("not-json", "not JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            return new Rejected("not-json", "unreadable: " + e.getMessage(), null);
        }
        if (envelope == null || !envelope.isObject()) {
            return new Rejected(
                    "not-an-envelope",
                    "not a JSON object: the envelope must be {\"eventId\": ..., \"type\": ..., ...}",
                    null);
        }
        String eventId = text(envelope, EventCodec.EVENT_ID);
        if (eventId == null) {
            return new Rejected("no-event-id", "no eventId: every event needs a unique, non-blank eventId", null);
        }
        String type = text(envelope, EventCodec.TYPE);
        Set<String> known = typesByTopic.getOrDefault(topic, Set.of());
        if (type == null || !known.contains(type)) {
            return new Rejected(
                    "unknown-type",
                    "unknown event type '" + type + "' on topic " + topic + "; expected one of " + new TreeSet<>(known),
                    eventId);
        }
        JsonNode version = envelope.get(EventCodec.SCHEMA_VERSION);
        if (version == null || !version.canConvertToInt() || version.asInt() < 1) {
            return new Rejected(
                    "no-schema-version",
                    "no schemaVersion: " + type + " needs a positive integer schemaVersion",
                    eventId);
        }
        Instant occurredAt;
        try {
            String time = text(envelope, EventCodec.OCCURRED_AT);
            if (time == null) {
                return new Rejected(
                        "no-occurred-at", "no occurredAt: " + type + " needs an ISO-8601 occurredAt", eventId);
            }
            occurredAt = Instant.parse(time);
        } catch (DateTimeParseException e) {
            return new Rejected(
                    "no-occurred-at", "occurredAt is not an ISO-8601 instant such as 2026-11-27T10:15:30Z", eventId);
        }
        if (!envelope.path(EventCodec.DATA).isObject()) {
            return new Rejected("no-data", "no data object: " + type + " carries its fields under \"data\"", eventId);
        }
        return new Accepted(eventId, type, version.asInt(), occurredAt, new String(value, StandardCharsets.UTF_8));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
