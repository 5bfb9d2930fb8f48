package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordCheckTests {

    static final String TOPIC = "shop.thing-happened.v1";
    final RecordCheck check = new RecordCheck(Map.of(TOPIC, Set.of("ThingHappened")));

    @Test
    void acceptsAnEnvelopeWithIdTypeVersionTimeAndData() {
        var verdict = check(
                """
                {"eventId":"e-1","type":"ThingHappened","schemaVersion":2,"occurredAt":"2026-03-01T10:00:00Z","data":{"a":1}}""");

        assertThat(verdict).isInstanceOfSatisfying(RecordCheck.Accepted.class, accepted -> {
            assertThat(accepted.eventId()).isEqualTo("e-1");
            assertThat(accepted.schemaVersion()).isEqualTo(2);
            assertThat(accepted.occurredAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        });
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
        assertThat(((RecordCheck.Rejected) check("{not json")).rule()).isEqualTo("not-json");
        assertThat(((RecordCheck.Rejected) check("{\"type\":\"ThingHappened\"}")).rule())
                .isEqualTo("no-event-id");
        assertThat(((RecordCheck.Rejected) check("{\"eventId\":\"e\",\"type\":\"Other\"}")).rule())
                .isEqualTo("unknown-type");
    }

    @Test
    void keepsTheEventIdOfARejectedRecordWhenItHasOne() {
        var verdict = check("{\"eventId\":\"e-9\",\"type\":\"Other\"}");
        assertThat(((RecordCheck.Rejected) verdict).eventId()).isEqualTo("e-9");
    }

    private RecordCheck.Verdict check(String value) {
        return check.check(TOPIC, value.getBytes(StandardCharsets.UTF_8));
    }

    private String reason(String value) {
        return ((RecordCheck.Rejected) check(value)).reason();
    }
}
