package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawZoneTests {

    static final String TOPIC = "shop.thing-happened.v1";
    static final Map<String, Set<String>> TYPES = Map.of(TOPIC, Set.of("ThingHappened"));

    @TempDir
    Path dataDir;

    DomainArea area;

    @BeforeEach
    void setUp() {
        area = DomainArea.open(new MeshLayout(dataDir), "shop");
    }

    @AfterEach
    void tearDown() {
        area.close();
    }

    @Test
    void aBatchTheZoneRefusesIsSplitSoThatOnlyTheRefusedRecordsAreQuarantined() {
        // Without the check's range, these instants reach the raw zone, which cannot store them: the first is
        // beyond what a date and time can hold, the second beyond DuckDB's TIMESTAMP.
        var unchecked = new RecordCheck(TYPES, IngestOptions.DEFAULTS, Instant.MIN, Instant.MAX);
        var zone = new RawZone(area, unchecked, Clock.systemUTC());
        var batch = new ArrayList<ConsumerRecord<String, byte[]>>();
        for (int offset = 0; offset < 100; offset++) {
            String at =
                    switch (offset) {
                        case 37 -> "+1000000000-12-31T23:59:59Z";
                        case 80 -> "+300000-01-01T00:00:00Z";
                        default -> "2026-05-01T00:00:00Z";
                    };
            batch.add(record(offset, event("e-" + offset, at)));
        }

        assertThat(zone.append(batch)).isEqualTo(new RawZone.Appended(98, 2, 0, Map.of("unstorable", 2)));

        assertThat(area.queryLong("SELECT count(*) FROM raw.events")).isEqualTo(98);
        assertThat(area.queryLong("SELECT count(*) FROM raw.events WHERE kafka_offset IN (37, 80)"))
                .isZero();
        assertThat(quarantined()).containsExactly("37|unstorable|e-37", "80|unstorable|e-80");
        assertThat(original(37)).isEqualTo(batch.get(37).value());
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE reason LIKE"
                        + " 'the raw zone refused the record: %'"))
                .isEqualTo(2);
        assertThat(zone.storedOffset(new TopicPartition(TOPIC, 0))).hasValue(99);
        // what was split is stored once: a redelivery skips all of it
        assertThat(zone.append(batch)).isEqualTo(new RawZone.Appended(0, 0, 100));
    }

    @Test
    void theRawZoneAndQuarantineKeepEveryByteAsItArrived() {
        var zone = new RawZone(area, TYPES, Clock.systemUTC());
        byte[] accepted = event("e-1", "2026-05-01T00:00:00Z", "{\"name\":\"Zoë 😀 \u2028 \\u0000 \\\"quoted\\\"\"}");
        byte[] invalid = {'{', (byte) 0xFF, 0, (byte) 0xC3, '}', 0, (byte) 0x80};
        byte[] zeros = new byte[16];

        assertThat(zone.append(List.of(record(0, accepted), record(1, invalid), record(2, zeros))))
                .usingRecursiveComparison()
                .ignoringFields("quarantinedByRule")
                .isEqualTo(new RawZone.Appended(1, 2, 0));

        String message = area.withConnection(connection -> {
            try (var result = connection.createStatement().executeQuery("SELECT message FROM raw.events")) {
                result.next();
                return result.getString(1);
            }
        });
        assertThat(message.getBytes(StandardCharsets.UTF_8)).isEqualTo(accepted);
        assertThat(original(1)).isEqualTo(invalid);
        assertThat(original(2)).isEqualTo(zeros);
    }

    @Test
    void aFailingAreaFailsTheBatchInsteadOfQuarantiningIt() {
        var zone = new RawZone(area, TYPES, Clock.systemUTC());
        area.close();

        assertThatThrownBy(() -> zone.append(List.of(record(0, event("e-0", "2026-05-01T00:00:00Z")))))
                .isInstanceOf(StorageException.class);
        assertThat(zone.storedOffset(new TopicPartition(TOPIC, 0))).isEmpty();
        area = DomainArea.open(new MeshLayout(dataDir), "shop");
    }

    static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(TOPIC, 0, offset, "k", value);
    }

    static byte[] event(String eventId, String occurredAt) {
        return event(eventId, occurredAt, "{}");
    }

    static byte[] event(String eventId, String occurredAt, String data) {
        return ("{\"eventId\":\"" + eventId + "\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\""
                        + occurredAt + "\",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private List<String> quarantined() {
        return area.withConnection(connection -> {
            var rows = new ArrayList<String>();
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT kafka_offset, rule, event_id FROM quarantine.records ORDER BY 1")) {
                while (result.next()) {
                    rows.add(result.getLong(1) + "|" + result.getString(2) + "|" + result.getString(3));
                }
            }
            return rows;
        });
    }

    private byte[] original(long offset) {
        return area.withConnection(connection -> {
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT original FROM quarantine.records WHERE kafka_offset = " + offset)) {
                result.next();
                return result.getBytes(1);
            }
        });
    }
}
