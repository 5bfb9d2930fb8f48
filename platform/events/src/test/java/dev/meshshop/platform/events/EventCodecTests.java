package dev.meshshop.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTests {

    static final String TOPIC = "shop.thing-happened.v1";
    static final Set<String> TYPES = Set.of("ThingHappened");
    final EventCodec codec = new EventCodec();

    @Test
    void acceptsAnEnvelopeWithIdTypeVersionTimeAndData() {
        var verdict = decode(
                """
                {"eventId":"e-1","type":"ThingHappened","schemaVersion":2,"occurredAt":"2026-03-01T10:00:00Z","data":{"a":1}}""");

        assertThat(verdict).isInstanceOfSatisfying(Envelope.class, accepted -> {
            assertThat(accepted.eventId()).isEqualTo("e-1");
            assertThat(accepted.schemaVersion()).isEqualTo(2);
            assertThat(accepted.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        });
    }

    record ThingHappened(String name, BigDecimal amount, Instant promisedBy) {}

    static final EventType<ThingHappened> THING_HAPPENED =
            new EventType<>(TOPIC, "ThingHappened", 2, ThingHappened.class);

    static final ThingHappened THING =
            new ThingHappened("Zoë", new BigDecimal("12.50"), Instant.parse("2026-03-04T00:00:00Z"));

    @Test
    void encodesAnEventInTheEnvelopeFieldByFieldInWireOrder() {
        byte[] encoded = codec.encode(THING_HAPPENED, "e-1", Instant.parse("2026-03-01T10:00:00Z"), THING);

        assertThat(new String(encoded, StandardCharsets.UTF_8))
                .isEqualTo(
                        """
                        {"eventId":"e-1","type":"ThingHappened","schemaVersion":2,"occurredAt":"2026-03-01T10:00:00Z",\
                        "data":{"name":"Zoë","amount":12.50,"promisedBy":"2026-03-04T00:00:00Z"}}""");
    }

    @Test
    void decodesWhatItEncodes() {
        Instant occurredAt = Instant.parse("2026-03-01T10:00:00.123456Z");
        byte[] encoded = codec.encode(THING_HAPPENED, "e-2", occurredAt, THING);

        assertThat(decode(encoded))
                .isEqualTo(new Envelope(
                        "e-2", "ThingHappened", 2, occurredAt, new String(encoded, StandardCharsets.UTF_8)));
    }

    @Test
    void refusesAnEventOfAnotherTopicsType() {
        byte[] encoded = codec.encode(THING_HAPPENED, "e-3", Instant.parse("2026-03-01T10:00:00Z"), THING);

        assertThat(codec.decode(encoded, "shop.other-thing.v1", Set.of("OtherThing")))
                .isEqualTo(new EventCodec.Refused(
                        "unknown-type",
                        "unknown event type 'ThingHappened' on topic shop.other-thing.v1; expected one of"
                                + " [OtherThing]",
                        "e-3"));
    }

    @Test
    void givesEachRefusalItsRuleAndAReasonThatSaysWhatToSendInstead() {
        String valid = event("2026-01-01T00:00:00Z", "{}");
        assertThat(decode((byte[]) null))
                .isEqualTo(new EventCodec.Refused(
                        "tombstone",
                        "null value (a tombstone): a domain event needs a JSON envelope, and domain topics are not"
                                + " compacted",
                        null));
        assertThat(decode(""))
                .isEqualTo(new EventCodec.Refused("empty", "empty record: a domain event needs a JSON envelope", null));
        assertThat(decode("\uFEFF" + valid))
                .isEqualTo(new EventCodec.Refused(
                        "byte-order-mark",
                        "starts with a byte-order mark, which DuckDB's JSON reader refuses; send the JSON without it",
                        null));
        assertThat(decode(event("2026-01-01T00:00:00Z", "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}")))
                .isEqualTo(new EventCodec.Refused(
                        "too-deep",
                        "nested deeper than 32 levels of objects and arrays (mesh.ingest.max-nesting-depth)",
                        null));
        assertThat(rule(valid + "{}")).isEqualTo("not-json");
        assertThat(reason(valid + "{}")).startsWith("not JSON: trailing content after the envelope");
        assertThat(decode("\"an event\""))
                .isEqualTo(new EventCodec.Refused(
                        "not-an-envelope",
                        "not a JSON object: the envelope must be {\"eventId\": ..., \"type\": ..., ...}",
                        null));
        String surrogate = event("2026-01-01T00:00:00Z", "{\"a\":\"\\ud800\"}");
        assertThat(decode(surrogate))
                .isEqualTo(new EventCodec.Refused(
                        "unpaired-surrogate",
                        "the escape at byte " + surrogate.indexOf('\\')
                                + " is half of a UTF-16 surrogate pair without its other half, which"
                                + " DuckDB's JSON reader refuses; escape characters beyond U+FFFF as a pair, such as"
                                + " \\ud83d\\ude00, or send them as UTF-8",
                        null));
        assertThat(decode("{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"type\":\"Other\"}"))
                .isEqualTo(new EventCodec.Refused(
                        "duplicate-field",
                        "the envelope has the field type twice; readers would disagree on which one counts",
                        null));
        assertThat(decode("{\"eventId\":\"e\",\"type\":true}"))
                .isEqualTo(new EventCodec.Refused(
                        "wrong-type", "envelope field type must be a string, found a boolean", null));
        assertThat(decode("{\"type\":\"ThingHappened\"}"))
                .isEqualTo(new EventCodec.Refused(
                        "no-event-id", "no eventId: every event needs a unique, non-blank eventId", null));
        assertThat(decode("{\"eventId\":\"e\\n1\",\"type\":\"ThingHappened\"}"))
                .isEqualTo(new EventCodec.Refused(
                        "bad-event-id",
                        "eventId 'e\n1' (3 characters) must be at most 200 characters without control characters",
                        null));
        assertThat(decode("{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":null}"))
                .isEqualTo(new EventCodec.Refused(
                        "no-schema-version",
                        "no schemaVersion: ThingHappened needs a positive integer schemaVersion",
                        "e"));
        assertThat(decode("{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\" \"}"))
                .isEqualTo(new EventCodec.Refused(
                        "no-occurred-at", "no occurredAt: ThingHappened needs an ISO-8601 occurredAt", "e"));
        assertThat(
                        decode(
                                "{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":null}"))
                .isEqualTo(new EventCodec.Refused(
                        "no-data", "no data object: ThingHappened carries its fields under \"data\"", "e"));
        assertThat(decode(event("2026-01-01T00:00:00Z", "{\"promisedBy\":\"-0001-01-01T00:00:00Z\"}")))
                .isEqualTo(new EventCodec.Refused(
                        "out-of-range",
                        "data field /data/promisedBy -0001-01-01T00:00:00Z is outside the instants the mesh stores,"
                                + " 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z",
                        "e-1"));
    }

    @Test
    void namesWhatIsWrongWithEachBadRecord() {
        assertThat(reason("{not json")).startsWith("not JSON");
        assertThat(reason("")).startsWith("empty record");
        assertThat(reason("[1,2]")).startsWith("not a JSON object");
        assertThat(reason("{\"type\":\"ThingHappened\"}")).startsWith("no eventId");
        assertThat(reason("{\"eventId\":\" \",\"type\":\"ThingHappened\"}")).startsWith("no eventId");
        assertThat(reason("{\"eventId\":\"e\",\"type\":\"Other\"}"))
                .isEqualTo("unknown event type 'Other' on topic " + TOPIC + "; expected one of [ThingHappened]");
        assertThat(reason("{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"occurredAt\":\"2026-03-01T10:00:00Z\"}"))
                .startsWith("no schemaVersion");
        assertThat(reason("{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":1}"))
                .startsWith("no occurredAt");
        assertThat(
                        reason(
                                "{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\"yesterday\"}"))
                .startsWith("occurredAt is not an ISO-8601 instant");
        assertThat(
                        reason(
                                "{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\"2026-03-01T10:00:00Z\"}"))
                .startsWith("no data object");
    }

    @Test
    void givesEachRejectionARuleToCountBy() {
        assertThat(((EventCodec.Refused) decode("{not json")).rule()).isEqualTo("not-json");
        assertThat(((EventCodec.Refused) decode("{\"type\":\"ThingHappened\"}")).rule())
                .isEqualTo("no-event-id");
        assertThat(((EventCodec.Refused) decode("{\"eventId\":\"e\",\"type\":\"Other\"}")).rule())
                .isEqualTo("unknown-type");
    }

    @Test
    void keepsTheEventIdOfARejectedRecordWhenItHasOne() {
        var verdict = decode("{\"eventId\":\"e-9\",\"type\":\"Other\"}");
        assertThat(((EventCodec.Refused) verdict).eventId()).isEqualTo("e-9");
    }

    static final String VALID =
            "{\"eventId\":\"e-1\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\"%s\",\"data\":%s}";

    private static String event(String occurredAt, String data) {
        return VALID.formatted(occurredAt, data);
    }

    @Test
    void refusesInstantsOutsideTheYears1To9999InTheEnvelopeAndInTheData() {
        assertThat(rule(event("+1000000000-12-31T23:59:59Z", "{}"))).isEqualTo("out-of-range");
        assertThat(rule(event("+100000-01-01T00:00:00Z", "{}"))).isEqualTo("out-of-range");
        assertThat(rule(event("+10000-01-01T00:00:00Z", "{}"))).isEqualTo("out-of-range");
        assertThat(rule(event("0000-12-31T23:59:59Z", "{}"))).isEqualTo("out-of-range");
        assertThat(rule(event("-0001-01-01T00:00:00Z", "{}"))).isEqualTo("out-of-range");
        assertThat(reason(event("+100000-01-01T00:00:00Z", "{}")))
                .isEqualTo("occurredAt +100000-01-01T00:00:00Z is outside the instants the mesh stores,"
                        + " 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z");
        // the edges themselves are stored
        assertThat(decode(event("9999-12-31T23:59:59.999999Z", "{}"))).isInstanceOf(Envelope.class);
        assertThat(decode(event("0001-01-01T00:00:00Z", "{}"))).isInstanceOf(Envelope.class);

        assertThat(reason(event("2026-01-01T00:00:00Z", "{\"lines\":[{\"at\":\"+20000-01-01T00:00:00Z\"}]}")))
                .startsWith("data field /data/lines/0/at +20000-01-01T00:00:00Z is outside");
        assertThat(rule(event("2026-01-01T00:00:00Z", "{\"promisedBy\":\"+99999999999-01-01T00:00:00Z\"}")))
                .isEqualTo("out-of-range");
        // text that only starts like a signed number is not an instant
        assertThat(decode(event("2026-01-01T00:00:00Z", "{\"phone\":\"+44 20 7946 0958 Tel: office\"}")))
                .isInstanceOf(Envelope.class);
    }

    @Test
    void refusesNumbersBeyondWhatADoubleHolds() {
        assertThat(reason(event("2026-01-01T00:00:00Z", "{\"a\":[1,-1e999]}")))
                .isEqualTo("data field /data/a/1 -1e999 is a number beyond what a double holds (about 1.8e308 either"
                        + " way)");
        assertThat(rule(event("2026-01-01T00:00:00Z", "{\"a\":1" + "0".repeat(400) + "}")))
                .isEqualTo("out-of-range");
        assertThat(decode(event(
                        "2026-01-01T00:00:00Z", "{\"a\":1e308,\"b\":-1e-999,\"c\":123456789012345678901234567890}")))
                .isInstanceOf(Envelope.class);
    }

    @Test
    void refusesRecordsLargerThanTheLimitBeforeReadingThem() {
        var small =
                new EventCodec(new EventCodec.Limits(200, 32, EventCodec.Limits.EARLIEST, EventCodec.Limits.LATEST));
        String fits = event("2026-01-01T00:00:00Z", "{\"a\":\"" + "x".repeat(50) + "\"}");
        String tooLarge = event("2026-01-01T00:00:00Z", "{\"a\":\"" + "x".repeat(200) + "\"}");

        assertThat(small.decode(fits.getBytes(StandardCharsets.UTF_8), TOPIC, TYPES))
                .isInstanceOf(Envelope.class);
        var rejected = (EventCodec.Refused) small.decode(tooLarge.getBytes(StandardCharsets.UTF_8), TOPIC, TYPES);
        assertThat(rejected.rule()).isEqualTo("too-large");
        assertThat(rejected.reason())
                .isEqualTo("event of " + tooLarge.length()
                        + " bytes is larger than the limit of 200 bytes (mesh.ingest.max-event-bytes)");
    }

    @Test
    void refusesNestingDeeperThanTheLimitWithoutRecursing() {
        String deep = event("2026-01-01T00:00:00Z", "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertThat(rule(deep)).isEqualTo("too-deep");
        assertThat(reason(deep)).contains("deeper than 32 levels");
        // 32 levels in all: the envelope, data and 30 arrays
        assertThat(decode(event("2026-01-01T00:00:00Z", "{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}")))
                .isInstanceOf(Envelope.class);
        assertThat(rule(event("2026-01-01T00:00:00Z", "{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}")))
                .isEqualTo("too-deep");
    }

    @Test
    void refusesInvalidUtf8NamingTheBytesAndWhereTheyAre() {
        byte[] valid = event("2026-01-01T00:00:00Z", "{\"name\":\"Zoë\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(decode(valid)).isInstanceOfSatisfying(Envelope.class, accepted -> assertThat(
                        accepted.json().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(valid));

        byte[] broken = valid.clone();
        int at = new String(valid, StandardCharsets.UTF_8).indexOf('ë');
        broken[at] = (byte) 0xFF;
        var rejected = (EventCodec.Refused) decode(broken);
        assertThat(rejected.rule()).isEqualTo("not-utf8");
        assertThat(rejected.reason())
                .isEqualTo("not valid UTF-8: invalid byte sequence 0xFF at byte " + at + "; events are UTF-8 JSON");

        // a surrogate encoded in UTF-8 and an overlong encoding are not UTF-8 either
        assertThat(rule(bytesWith(valid, at, (byte) 0xED, (byte) 0xA0, (byte) 0x80)))
                .isEqualTo("not-utf8");
        assertThat(rule(bytesWith(valid, at, (byte) 0xC0, (byte) 0xAF))).isEqualTo("not-utf8");
        // cut off in the middle of a character
        assertThat(rule(java.util.Arrays.copyOf(valid, at + 1))).isEqualTo("not-utf8");
    }

    @Test
    void refusesWhatDuckDbsJsonReaderRefuses() {
        byte[] event = event("2026-01-01T00:00:00Z", "{}").getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[event.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(event, 0, withMark, 3, event.length);
        assertThat(rule(withMark)).isEqualTo("byte-order-mark");

        assertThat(rule(event("2026-01-01T00:00:00Z", "{\"a\":\"\\ud800\"}"))).isEqualTo("unpaired-surrogate");
        assertThat(rule(event("2026-01-01T00:00:00Z", "{\"a\":\"\\udc00x\"}"))).isEqualTo("unpaired-surrogate");
        assertThat(rule(event("2026-01-01T00:00:00Z", "{\"a\":\"\\ud83d\\n\"}")))
                .isEqualTo("unpaired-surrogate");
        // a whole pair, and an escaped backslash before a "u", are fine
        assertThat(decode(event("2026-01-01T00:00:00Z", "{\"a\":\"\\ud83d\\ude00\"}")))
                .isInstanceOf(Envelope.class);
        assertThat(decode(event("2026-01-01T00:00:00Z", "{\"a\":\"\\\\ud800\"}")))
                .isInstanceOf(Envelope.class);
    }

    @Test
    void namesEnvelopeFieldsOfTheWrongType() {
        assertThat(reason("{\"eventId\":42,\"type\":\"ThingHappened\"}"))
                .isEqualTo("envelope field eventId must be a string, found a number");
        assertThat(
                        reason(
                                "{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":\"1\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{}}"))
                .isEqualTo("envelope field schemaVersion must be a positive integer such as 1, found a string");
        assertThat(
                        rule(
                                "{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":99999999999,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":{}}"))
                .isEqualTo("wrong-type");
        assertThat(
                        reason(
                                "{\"eventId\":\"e\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":1764000000,\"data\":{}}"))
                .isEqualTo(
                        "envelope field occurredAt must be a string such as \"2026-11-27T10:15:30Z\", found a number");
        assertThat(reason(event("2026-01-01T00:00:00Z", "[]")))
                .isEqualTo("envelope field data must be an object, found an array");
        assertThat(rule("{\"eventId\":[\"e\"],\"type\":\"ThingHappened\"}")).isEqualTo("wrong-type");
        assertThat(rule("{\"eventId\":\"e\",\"eventId\":\"f\",\"type\":\"ThingHappened\"}"))
                .isEqualTo("duplicate-field");
    }

    @Test
    void refusesEventIdsThatAreNotNames() {
        assertThat(rule("{\"eventId\":\"" + "e".repeat(201) + "\",\"type\":\"ThingHappened\"}"))
                .isEqualTo("bad-event-id");
        assertThat(reason("{\"eventId\":\"" + "e".repeat(10_000) + "\",\"type\":\"ThingHappened\"}"))
                .hasSizeLessThan(200)
                .endsWith("(10000 characters) must be at most 200 characters without control characters");
        assertThat(rule("{\"eventId\":\"e\\u0000\",\"type\":\"ThingHappened\"}"))
                .isEqualTo("bad-event-id");
    }

    @Test
    void tellsATombstoneFromAnEmptyRecordAndCutsLongReasons() {
        assertThat(((EventCodec.Refused) decode((byte[]) null)).rule()).isEqualTo("tombstone");
        assertThat(rule("")).isEqualTo("empty");
        assertThat(reason("{\"eventId\":\"e\",\"type\":\"" + "T".repeat(5_000) + "\"}"))
                .hasSizeLessThanOrEqualTo(EventCodec.MAX_REASON_LENGTH);
    }

    private static byte[] bytesWith(byte[] value, int at, byte... replacement) {
        var out = new java.io.ByteArrayOutputStream();
        out.write(value, 0, at);
        out.writeBytes(replacement);
        out.write(value, at + 2, value.length - at - 2);
        return out.toByteArray();
    }

    private String rule(String value) {
        return ((EventCodec.Refused) decode(value)).rule();
    }

    private String rule(byte[] value) {
        return ((EventCodec.Refused) decode(value)).rule();
    }

    private EventCodec.Decoded decode(String value) {
        return decode(value.getBytes(StandardCharsets.UTF_8));
    }

    private EventCodec.Decoded decode(byte[] value) {
        return codec.decode(value, TOPIC, TYPES);
    }

    private String reason(String value) {
        return ((EventCodec.Refused) decode(value)).reason();
    }
}
