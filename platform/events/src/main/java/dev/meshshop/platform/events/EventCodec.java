package dev.meshshop.platform.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The envelope every domain event travels in, as UTF-8 JSON:
 *
 * <pre>{"eventId": "...", "type": "OrderPurchased", "schemaVersion": 1, "occurredAt": "2026-...Z", "data": {...}}</pre>
 *
 * The envelope is the platform's; {@code data} is the domain's record. {@link #encode} writes an event in it;
 * {@link #decode} reads a record back and decides whether the mesh can take it.
 *
 * <p>A record decodes when it is a UTF-8 JSON envelope, no larger and no deeper than the {@link Limits}, with a
 * string event id, a type known on its topic, a schema version, an occurrence time the mesh can store and a data
 * object. Anything else is {@link Refused} with a rule to count by and a reason that says what was wrong and how to
 * send it instead.
 *
 * <p>Every check a later stage relies on happens here, so that no stage fails on one record: DuckDB's JSON reader
 * refuses a byte-order mark and an escaped UTF-16 surrogate without its partner; the clean zone's timestamps are
 * written with four-digit years, so every instant, in the envelope and in the data, must lie between the years 1
 * and 9999. Whether the data's fields have the types the domain declares is cleaning's job.
 */
public final class EventCodec {

    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String DATA = "data";

    /** Event ids longer than this are refused; ids are names, not payloads. */
    public static final int MAX_EVENT_ID_LENGTH = 200;

    /** Reasons echo parts of a record; no reason is longer than this. */
    public static final int MAX_REASON_LENGTH = 500;

    private static final int SHOWN = 60;

    /** Numbers longer than this many characters are refused without reading them. */
    private static final int MAX_NUMBER_LENGTH = 400;

    private static final Pattern BEYOND_JAVA_TIME =
            Pattern.compile("[+-][0-9]{10,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}.*");

    private final ObjectMapper mapper;
    private final Limits limits;
    private final JsonFactory factory;

    /** A codec with the mesh's default limits. */
    public EventCodec() {
        this(Limits.DEFAULTS);
    }

    public EventCodec(Limits limits) {
        this.mapper =
                new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.limits = limits;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .build())
                .build();
    }

    /**
     * What {@link #decode} takes. A member sets the first two with {@code mesh.ingest.max-event-bytes} and
     * {@code mesh.ingest.max-nesting-depth}, which the reasons name.
     *
     * @param maxEventBytes the largest record, in bytes; a larger one is refused as {@code too-large} before it is
     *     read
     * @param maxNestingDepth the deepest nesting of JSON objects and arrays, the envelope counting as one; a deeper
     *     one is refused as {@code too-deep}
     * @param earliest the earliest instant, in the envelope or in the data, that the mesh stores
     * @param latest the latest instant, in the envelope or in the data, that the mesh stores
     */
    public record Limits(int maxEventBytes, int maxNestingDepth, Instant earliest, Instant latest) {

        /** The earliest instant the mesh stores: the first instant of the year 1. */
        public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

        /** The latest instant the mesh stores, to the microsecond (DuckDB's precision): the end of the year 9999. */
        public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

        /** 256 KiB per event, 32 levels of nesting, the instants of the years 1 to 9999. */
        public static final Limits DEFAULTS = new Limits(256 * 1024, 32, EARLIEST, LATEST);
    }

    /** What {@link #decode} made of a record: an {@link Envelope}, or the record {@link Refused}. */
    public sealed interface Decoded permits Envelope, Refused {}

    /**
     * A record the mesh cannot take.
     *
     * @param rule what was wrong, in a word to count by, such as {@code not-json}
     * @param reason what was wrong and what to send instead, at most {@link #MAX_REASON_LENGTH} characters
     * @param eventId the record's event id, when it has a usable one
     */
    public record Refused(String rule, String reason, String eventId) implements Decoded {

        public Refused {
            reason = abbreviate(reason, MAX_REASON_LENGTH);
        }
    }

    public <T extends Record> byte[] encode(EventType<T> type, String eventId, Instant occurredAt, T data) {
        try {
            return mapper.writeValueAsBytes(
                    new Wire<>(eventId, type.name(), type.schemaVersion(), occurredAt.toString(), data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + type.name() + " " + eventId, e);
        }
    }

    /** The envelope's fields, in wire order; the names are the constants above. */
    private record Wire<T>(String eventId, String type, int schemaVersion, String occurredAt, T data) {}

    /**
     * Reads a record, the value of a Kafka record, in one pass.
     *
     * @param value the record's bytes; null for a tombstone
     * @param topic the topic the record came from, named in the reason when its type is not one of the topic's
     * @param typesOfTopic the names of the event types that travel on {@code topic}
     */
    public Decoded decode(byte[] value, String topic, Set<String> typesOfTopic) {
        if (value == null) {
            return new Refused(
                    "tombstone",
                    "null value (a tombstone): a domain event needs a JSON envelope, and domain topics are not"
                            + " compacted",
                    null);
        }
        if (value.length == 0) {
            return new Refused("empty", "empty record: a domain event needs a JSON envelope", null);
        }
        if (value.length > limits.maxEventBytes()) {
            return new Refused(
                    "too-large",
                    "event of " + value.length + " bytes is larger than the limit of " + limits.maxEventBytes()
                            + " bytes (mesh.ingest.max-event-bytes)",
                    null);
        }
        String message = utf8(value);
        if (message == null) {
            return notUtf8(value);
        }
        if (message.charAt(0) == '\uFEFF') {
            return new Refused(
                    "byte-order-mark",
                    "starts with a byte-order mark, which DuckDB's JSON reader refuses; send the JSON without it",
                    null);
        }
        Fields envelope;
        try {
            envelope = Fields.read(factory, value, this);
        } catch (StreamConstraintsException e) {
            return new Refused(
                    "too-deep",
                    "nested deeper than " + limits.maxNestingDepth()
                            + " levels of objects and arrays (mesh.ingest.max-nesting-depth)",
                    null);
        } catch (JsonProcessingException e) {
            return new Refused("not-json", "not JSON: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            return new Refused("not-json", "unreadable: " + e.getMessage(), null);
        }
        if (envelope == null) {
            return new Refused(
                    "not-an-envelope",
                    "not a JSON object: the envelope must be {\"eventId\": ..., \"type\": ..., ...}",
                    null);
        }
        int surrogate = unpairedSurrogate(value);
        if (surrogate >= 0) {
            return new Refused(
                    "unpaired-surrogate",
                    "the escape at byte " + surrogate + " is half of a UTF-16 surrogate pair without its other half,"
                            + " which DuckDB's JSON reader refuses; escape characters beyond U+FFFF as a pair, such"
                            + " as \\ud83d\\ude00, or send them as UTF-8",
                    null);
        }
        if (envelope.duplicate != null) {
            return new Refused(
                    "duplicate-field",
                    "the envelope has the field " + envelope.duplicate + " twice; readers would disagree on which"
                            + " one counts",
                    null);
        }
        Refused wrong = wrongType(envelope);
        if (wrong != null) {
            return wrong;
        }
        String eventId = blankToNull(envelope.eventId);
        if (eventId == null) {
            return new Refused("no-event-id", "no eventId: every event needs a unique, non-blank eventId", null);
        }
        if (eventId.length() > MAX_EVENT_ID_LENGTH || eventId.chars().anyMatch(Character::isISOControl)) {
            return new Refused(
                    "bad-event-id",
                    "eventId '" + abbreviate(eventId, SHOWN) + "' (" + eventId.length() + " characters) must be at"
                            + " most " + MAX_EVENT_ID_LENGTH + " characters without control characters",
                    null);
        }
        String type = blankToNull(envelope.type);
        if (type == null || !typesOfTopic.contains(type)) {
            return new Refused(
                    "unknown-type",
                    "unknown event type '" + abbreviate(type, SHOWN) + "' on topic " + topic + "; expected one of "
                            + new TreeSet<>(typesOfTopic),
                    eventId);
        }
        if (envelope.schemaVersion < 1) {
            return new Refused(
                    "no-schema-version",
                    "no schemaVersion: " + type + " needs a positive integer schemaVersion",
                    eventId);
        }
        String time = blankToNull(envelope.occurredAt);
        if (time == null) {
            return new Refused("no-occurred-at", "no occurredAt: " + type + " needs an ISO-8601 occurredAt", eventId);
        }
        Instant occurredAt = instant(time);
        if (occurredAt == null) {
            return new Refused(
                    "no-occurred-at", "occurredAt is not an ISO-8601 instant such as 2026-11-27T10:15:30Z", eventId);
        }
        if (!inRange(occurredAt)) {
            return outOfRange("occurredAt " + abbreviate(time, SHOWN), eventId);
        }
        if (!envelope.dataIsObject) {
            return new Refused("no-data", "no data object: " + type + " carries its fields under \"data\"", eventId);
        }
        if (envelope.numberOutOfRange) {
            return new Refused(
                    "out-of-range",
                    "data field " + envelope.dataInstantOutOfRange + " " + abbreviate(envelope.outOfRangeText, SHOWN)
                            + " is a number beyond what a double holds (about 1.8e308 either way)",
                    eventId);
        }
        if (envelope.dataInstantOutOfRange != null) {
            return outOfRange(
                    "data field " + envelope.dataInstantOutOfRange + " " + abbreviate(envelope.outOfRangeText, SHOWN),
                    eventId);
        }
        return new Envelope(eventId, type, envelope.schemaVersion, occurredAt, message);
    }

    /**
     * {@code text} cut to at most {@code max} characters, ending in "..." where it was cut, for a message that
     * echoes part of a record; null stays null.
     */
    public static String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 3) + "...";
    }

    private Refused outOfRange(String what, String eventId) {
        return new Refused(
                "out-of-range",
                what + " is outside the instants the mesh stores, " + limits.earliest() + " to " + limits.latest(),
                eventId);
    }

    private boolean inRange(Instant instant) {
        return !instant.isBefore(limits.earliest()) && !instant.isAfter(limits.latest());
    }

    private static Refused wrongType(Fields envelope) {
        if (envelope.wrongType == null) {
            return null;
        }
        String expected =
                switch (envelope.wrongType) {
                    case SCHEMA_VERSION -> "a positive integer such as 1";
                    case OCCURRED_AT -> "a string such as \"2026-11-27T10:15:30Z\"";
                    case DATA -> "an object";
                    default -> "a string";
                };
        return new Refused(
                "wrong-type",
                "envelope field " + envelope.wrongType + " must be " + expected + ", found " + envelope.wrongToken,
                null);
    }

    /** The record as text, or null when it is not valid UTF-8 (nothing is replaced, nothing is dropped). */
    private static String utf8(byte[] value) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var out = CharBuffer.allocate(value.length);
        if (decoder.decode(ByteBuffer.wrap(value), out, true).isError()
                || decoder.flush(out).isError()) {
            return null;
        }
        return out.flip().toString();
    }

    private static Refused notUtf8(byte[] value) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var in = ByteBuffer.wrap(value);
        var result = decoder.decode(in, CharBuffer.allocate(value.length), true);
        int at = in.position();
        int length = result.isError() ? result.length() : 1;
        var bytes = new StringBuilder();
        for (int i = at; i < Math.min(value.length, at + length); i++) {
            bytes.append(bytes.isEmpty() ? "" : " ").append(String.format("0x%02X", value[i] & 0xFF));
        }
        return new Refused(
                "not-utf8",
                "not valid UTF-8: invalid byte sequence " + bytes + " at byte " + at + "; events are UTF-8 JSON",
                null);
    }

    /**
     * The position of the first {@code \\uXXXX} escape that is half of a UTF-16 surrogate pair without its other
     * half, or -1. Backslashes occur in valid JSON inside strings only, always as the start of an escape.
     */
    static int unpairedSurrogate(byte[] json) {
        int pendingHigh = -1;
        for (int i = 0; i < json.length; i++) {
            if (json[i] != '\\') {
                if (pendingHigh >= 0) {
                    return pendingHigh;
                }
                continue;
            }
            if (i + 1 < json.length && json[i + 1] == 'u' && i + 5 < json.length) {
                int unit = hex(json, i + 2);
                boolean high = unit >= 0xD800 && unit <= 0xDBFF;
                boolean low = unit >= 0xDC00 && unit <= 0xDFFF;
                if (pendingHigh >= 0 && !low) {
                    return pendingHigh;
                }
                if (low && pendingHigh < 0) {
                    return i;
                }
                pendingHigh = high ? i : -1;
                i += 5;
            } else {
                if (pendingHigh >= 0) {
                    return pendingHigh;
                }
                i++;
            }
        }
        return pendingHigh;
    }

    private static int hex(byte[] json, int from) {
        int unit = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(json[i], 16);
            if (digit < 0) {
                return -1;
            }
            unit = unit * 16 + digit;
        }
        return unit;
    }

    /** The instant an ISO-8601 text names, or null when it names none. */
    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Whether a string value in the data could be an ISO-8601 instant outside the limits' years: ISO-8601 writes
     * years outside 1 to 9999 with a sign ({@code +10000-...}, {@code -0001-...}) or as {@code 0000}.
     */
    private boolean outOfRangeInstant(String text) {
        if (text.length() < 20) {
            return false;
        }
        char first = text.charAt(0);
        boolean signed = (first == '+' || first == '-') && Character.isDigit(text.charAt(1));
        if (!signed && !text.startsWith("0000-")) {
            return false;
        }
        Instant instant = instant(text);
        if (instant != null) {
            return !inRange(instant);
        }
        // beyond what java.time can hold, such as +9999999999-01-01T00:00:00Z
        return BEYOND_JAVA_TIME.matcher(text).matches();
    }

    /**
     * The envelope's fields, read with a streaming parser: the whole record is read, so that its nesting is
     * checked and the instants in its data are seen.
     */
    private static final class Fields {
        String eventId;
        String type;
        int schemaVersion;
        String occurredAt;
        boolean dataIsObject;
        String wrongType;
        String wrongToken;
        String duplicate;
        String dataInstantOutOfRange; // or the number out of range
        String outOfRangeText;
        boolean numberOutOfRange;

        /** The envelope's fields, or null when the record is JSON but not an object. */
        static Fields read(JsonFactory factory, byte[] value, EventCodec codec) throws IOException {
            try (JsonParser parser = factory.createParser(value)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    // still read the rest, so that "not JSON" wins over "not an object" for broken input
                    while (parser.nextToken() != null) {
                        parser.skipChildren();
                    }
                    return null;
                }
                var envelope = new Fields();
                var seen = new HashSet<String>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken token = parser.nextToken();
                    if (!seen.add(field) && envelope.duplicate == null) {
                        envelope.duplicate = field;
                    }
                    switch (field) {
                        case EVENT_ID -> envelope.eventId = envelope.string(field, parser, token);
                        case TYPE -> envelope.type = envelope.string(field, parser, token);
                        case SCHEMA_VERSION -> envelope.schemaVersion(parser, token);
                        case OCCURRED_AT -> envelope.occurredAt = envelope.string(field, parser, token);
                        case DATA -> {
                            envelope.dataIsObject = token == JsonToken.START_OBJECT;
                            if (envelope.dataIsObject) {
                                envelope.readData(parser, codec);
                                continue;
                            }
                            if (token != JsonToken.VALUE_NULL) {
                                envelope.wrong(field, token);
                            }
                        }
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

        private String string(String field, JsonParser parser, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_STRING) {
                return parser.getText();
            }
            if (token != JsonToken.VALUE_NULL) {
                wrong(field, token);
            }
            return null;
        }

        private void schemaVersion(JsonParser parser, JsonToken token) throws IOException {
            if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
                schemaVersion = parser.getIntValue();
                if (schemaVersion < 1) {
                    wrong(SCHEMA_VERSION, token);
                }
            } else if (token != JsonToken.VALUE_NULL) {
                wrong(SCHEMA_VERSION, token);
            }
        }

        private void wrong(String field, JsonToken token) {
            if (wrongType == null) {
                wrongType = field;
                wrongToken = switch (token) {
                    case START_OBJECT -> "an object";
                    case START_ARRAY -> "an array";
                    case VALUE_STRING -> "a string";
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                    case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                    default -> String.valueOf(token);
                };
            }
        }

        /**
         * Whether a number fits a double without becoming infinite: JSON promises no more, and DuckDB's JSON
         * reader, Beam and Parquet all read numbers at most that large.
         */
        private static boolean finite(JsonParser parser) throws IOException {
            if (parser.getTextLength() > MAX_NUMBER_LENGTH) {
                return false;
            }
            return Double.isFinite(Double.parseDouble(parser.getText()));
        }

        /** Reads the data object to its end, noting the first instant or number in it the mesh cannot store. */
        private void readData(JsonParser parser, EventCodec codec) throws IOException {
            int depth = 1;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new JsonParseException(parser, "the data object is not closed");
                }
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (dataInstantOutOfRange == null && !finite(parser)) {
                            dataInstantOutOfRange =
                                    parser.getParsingContext().pathAsPointer().toString();
                            outOfRangeText = parser.getText();
                            numberOutOfRange = true;
                        }
                    }
                    case VALUE_STRING -> {
                        if (dataInstantOutOfRange == null && parser.getTextLength() >= 20) {
                            String text = parser.getText();
                            if (codec.outOfRangeInstant(text)) {
                                dataInstantOutOfRange = parser.getParsingContext()
                                        .pathAsPointer()
                                        .toString();
                                outOfRangeText = text;
                            }
                        }
                    }
                    default -> {}
                }
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
