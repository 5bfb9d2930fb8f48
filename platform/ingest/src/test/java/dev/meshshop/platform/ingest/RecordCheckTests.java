package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.events.Envelope;
import dev.meshshop.platform.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the envelope must be is EventCodecTests'; here, that the check applies ingest's options and topics. */
class RecordCheckTests {

    static final String TOPIC = "shop.thing-happened.v1";
    static final Map<String, Set<String>> TYPES = Map.of(TOPIC, Set.of("ThingHappened"));

    static byte[] event(String data) {
        return ("{\"eventId\":\"e-1\",\"type\":\"ThingHappened\",\"schemaVersion\":1,"
                        + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesWithTheLimitsOfIngestsOptions() {
        var check = new RecordCheck(TYPES, new IngestOptions(200, 3, Duration.ofSeconds(1), Duration.ofSeconds(1)));

        assertThat(check.check(TOPIC, event("{\"a\":[]}"))).isInstanceOf(Envelope.class);
        assertThat(check.check(TOPIC, event("{\"a\":[[]]}")))
                .isEqualTo(new EventCodec.Refused(
                        "too-deep",
                        "nested deeper than 3 levels of objects and arrays (mesh.ingest.max-nesting-depth)",
                        null));
        byte[] large = event("{\"a\":\"" + "x".repeat(200) + "\"}");
        assertThat(check.check(TOPIC, large))
                .isEqualTo(new EventCodec.Refused(
                        "too-large",
                        "event of " + large.length
                                + " bytes is larger than the limit of 200 bytes (mesh.ingest.max-event-bytes)",
                        null));
    }

    @Test
    void knowsTheTypesOfEachTopicAndNoneOfATopicItDoesNotKnow() {
        var check = new RecordCheck(TYPES);

        assertThat(check.check(TOPIC, event("{}"))).isInstanceOf(Envelope.class);
        assertThat(check.check("shop.other-thing.v1", event("{}")))
                .isEqualTo(new EventCodec.Refused(
                        "unknown-type",
                        "unknown event type 'ThingHappened' on topic shop.other-thing.v1; expected one of []",
                        "e-1"));
    }
}
