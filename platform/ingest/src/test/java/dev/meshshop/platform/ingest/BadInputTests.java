package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Bad input sent through a real broker to a running ingest, one record at a time, each followed by a valid event
 * with the same key (so on the same partition, behind the bad one): ingest stores the valid event within seconds,
 * quarantines the bad one with its rule and its exact bytes, and every record sent is in the raw zone or in
 * quarantine, once, byte for byte.
 */
@EmbeddedKafka(kraft = true, partitions = 2, topics = BadInputTests.TOPIC)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTests {

    static final String TOPIC = "bad.thing-happened.v1";
    static final EventType<DomainIngestorTests.ThingHappened> THING_HAPPENED =
            new EventType<>(TOPIC, "ThingHappened", 1, DomainIngestorTests.ThingHappened.class);

    /** A record sent, where the broker put it, and where it must end up: a quarantine rule, or "raw". */
    record Sent(int partition, long offset, byte[] value, String expected) {}

    /** One kind of bad input and the rule ingest must quarantine it by ("raw" for what the raw zone keeps). */
    record BadInput(String name, byte[] value, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    final EmbeddedKafkaBroker broker;
    final List<Sent> sent = new ArrayList<>();
    Path dataDir;
    DomainArea area;
    DomainIngestor ingestor;
    SimpleMeterRegistry meters;
    KafkaTemplate<String, byte[]> kafka;

    BadInputTests(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeAll
    void startIngest() throws Exception {
        dataDir = Files.createTempDirectory("bad-input");
        area = DomainArea.open(new MeshLayout(dataDir), "bad");
        var producerConfig = new HashMap<String, Object>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        producerConfig.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 900 * 1024);
        kafka = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(producerConfig, new StringSerializer(), new ByteArraySerializer()));
        var consumers = new DefaultKafkaConsumerFactory<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        var types = List.<EventType<?>>of(THING_HAPPENED);
        var options = new IngestOptions(
                IngestOptions.DEFAULTS.maxEventBytes(),
                IngestOptions.DEFAULTS.maxNestingDepth(),
                Duration.ofMillis(250),
                Duration.ofSeconds(60));
        var zone = new RawZone(area, DomainIngestor.typesByTopic(types), options, Clock.systemUTC());
        meters = new SimpleMeterRegistry();
        ingestor = new DomainIngestor("bad", zone, types, consumers, meters, options);
        ingestor.start();
    }

    @AfterAll
    void stopIngest() throws Exception {
        ingestor.stop();
        area.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    static Stream<BadInput> badInputs() {
        String valid = event("v-1", "2026-05-01T10:00:00Z", "{\"thingId\":\"t-1\",\"size\":3}");
        byte[] invalidUtf8 = bytes(event("u-1", "2026-05-01T10:00:00Z", "{\"thingId\":\"Zo_\"}"));
        invalidUtf8[indexOf(invalidUtf8, '_')] = (byte) 0xFF;
        byte[] cutCharacter = Arrays.copyOf(bytes(valid.replace("t-1", "Zoë")), valid.indexOf("t-1") + 3);
        byte[] byteOrderMark = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes(valid));
        return Stream.of(
                new BadInput("non-JSON", bytes("this is not json"), "not-json"),
                new BadInput("truncated JSON", bytes(valid.substring(0, valid.length() / 2)), "not-json"),
                new BadInput("JSON with trailing content", bytes(valid + "{}"), "not-json"),
                new BadInput("a JSON array", bytes("[1,2,3]"), "not-an-envelope"),
                new BadInput(
                        "deep nesting",
                        bytes(event(
                                "d-1",
                                "2026-05-01T10:00:00Z",
                                "{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")),
                        "too-deep"),
                new BadInput(
                        "a huge event (600 KB)",
                        bytes(event("h-1", "2026-05-01T10:00:00Z", "{\"a\":\"" + "x".repeat(600 * 1024) + "\"}")),
                        "too-large"),
                new BadInput("invalid UTF-8", invalidUtf8, "not-utf8"),
                new BadInput("a character cut in half", cutCharacter, "not-utf8"),
                new BadInput("bytes that are not text", new byte[] {0, (byte) 0xFF, 0, (byte) 0xFE, 0}, "not-utf8"),
                new BadInput("a byte-order mark", byteOrderMark, "byte-order-mark"),
                new BadInput(
                        "an unpaired surrogate escape",
                        bytes(event("s-1", "2026-05-01T10:00:00Z", "{\"thingId\":\"\\ud800\"}")),
                        "unpaired-surrogate"),
                new BadInput(
                        "a missing id",
                        bytes("{\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\"2026-05-01T10:00:00Z\","
                                + "\"data\":{}}"),
                        "no-event-id"),
                new BadInput("a blank id", bytes(valid.replace("\"v-1\"", "\"  \"")), "no-event-id"),
                new BadInput("a numeric id", bytes(valid.replace("\"v-1\"", "42")), "wrong-type"),
                new BadInput(
                        "an id of 10 000 characters", bytes(valid.replace("v-1", "i".repeat(10_000))), "bad-event-id"),
                new BadInput("a type that is a number", bytes(valid.replace("\"ThingHappened\"", "7")), "wrong-type"),
                new BadInput(
                        "a schema version that is a string",
                        bytes(valid.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\"")),
                        "wrong-type"),
                new BadInput(
                        "an occurredAt that is a number",
                        bytes(valid.replace("\"2026-05-01T10:00:00Z\"", "1777629600")),
                        "wrong-type"),
                new BadInput(
                        "data that is an array",
                        bytes(valid.replace("{\"thingId\":\"t-1\",\"size\":3}", "[1]")),
                        "wrong-type"),
                new BadInput(
                        "data that is null",
                        bytes(valid.replace("{\"thingId\":\"t-1\",\"size\":3}", "null")),
                        "no-data"),
                new BadInput(
                        "an envelope field twice",
                        bytes(valid.replace("{\"eventId\"", "{\"eventId\":\"x\",\"eventId\"")),
                        "duplicate-field"),
                new BadInput("an unknown type", bytes(valid.replace("ThingHappened", "ThingVanished")), "unknown-type"),
                new BadInput(
                        "no schema version", bytes(valid.replace("\"schemaVersion\":1,", "")), "no-schema-version"),
                new BadInput(
                        "no occurredAt",
                        bytes(valid.replace("\"occurredAt\":\"2026-05-01T10:00:00Z\",", "")),
                        "no-occurred-at"),
                new BadInput(
                        "an occurredAt that is no instant",
                        bytes(valid.replace("2026-05-01T10:00:00Z", "yesterday")),
                        "no-occurred-at"),
                new BadInput(
                        "the year +1000000000",
                        bytes(valid.replace("2026-05-01T10:00:00Z", "+1000000000-12-31T23:59:59Z")),
                        "out-of-range"),
                new BadInput(
                        "the year 100000",
                        bytes(valid.replace("2026-05-01T10:00:00Z", "+100000-01-01T00:00:00Z")),
                        "out-of-range"),
                new BadInput(
                        "the year 10000",
                        bytes(valid.replace("2026-05-01T10:00:00Z", "+10000-01-01T00:00:00Z")),
                        "out-of-range"),
                new BadInput(
                        "the year 0",
                        bytes(valid.replace("2026-05-01T10:00:00Z", "0000-06-01T00:00:00Z")),
                        "out-of-range"),
                new BadInput(
                        "a year before Christ",
                        bytes(valid.replace("2026-05-01T10:00:00Z", "-5000-06-01T00:00:00Z")),
                        "out-of-range"),
                new BadInput(
                        "a data instant in the year 100000",
                        bytes(event("x-1", "2026-05-01T10:00:00Z", "{\"promisedBy\":\"+100000-01-01T00:00:00Z\"}")),
                        "out-of-range"),
                new BadInput(
                        "a number beyond a double",
                        bytes(event("n-1", "2026-05-01T10:00:00Z", "{\"size\":1e999}")),
                        "out-of-range"),
                new BadInput("a null value (tombstone)", null, "tombstone"),
                new BadInput("an empty value", new byte[0], "empty"),
                // Duplicates are not ingest's to judge: the raw zone keeps every copy as sent, and cleaning keeps one.
                new BadInput("a duplicate of an event already sent", bytes(valid), "raw"),
                new BadInput("the same duplicate again", bytes(valid), "raw"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void afterABadRecordTheNextValidEventIsStoredWithinSeconds(BadInput bad) {
        String key = "key-" + sent.size();
        var badOne = send(key, bad.value(), bad.rule());
        var next = send(
                key,
                bytes(event("next-" + sent.size(), "2026-05-02T10:00:00Z", "{\"thingId\":\"t\",\"size\":1}")),
                "raw");
        assertThat(next.partition()).isEqualTo(badOne.partition());

        await().atMost(Duration.ofSeconds(10)).until(() -> stored(next) != null);

        var where = stored(badOne);
        assertThat(where.place()).isEqualTo(bad.rule());
        assertThat(where.bytes()).isEqualTo(bad.value());
        if (!"raw".equals(bad.rule())) {
            assertThat(where.reason()).isNotBlank().hasSizeLessThanOrEqualTo(EventCodec.MAX_REASON_LENGTH);
        }
        everyRecordSentIsStoredOnceAsSent();
    }

    /** Input = raw + quarantine: each record sent is in exactly one of them, with its bytes, and nothing else is. */
    private void everyRecordSentIsStoredOnceAsSent() {
        for (var record : sent) {
            var where = stored(record);
            assertThat(where)
                    .as("record at %d@%d", record.partition(), record.offset())
                    .isNotNull();
            assertThat(where.place()).isEqualTo(record.expected());
            assertThat(where.bytes()).isEqualTo(record.value());
        }
        long raw = area.queryLong("SELECT count(*) FROM raw.events");
        long quarantined = area.queryLong("SELECT count(*) FROM quarantine.records");
        long rawSent =
                sent.stream().filter(record -> "raw".equals(record.expected())).count();
        assertThat(raw).isEqualTo(rawSent);
        assertThat(quarantined).isEqualTo(sent.size() - rawSent);
        assertThat(meters.get("mesh.ingest.records")
                        .tag("outcome", "quarantined")
                        .counter()
                        .count())
                .isEqualTo(quarantined);
        await().atMost(Duration.ofSeconds(10)).until(() -> ingestor.status().state() == IngestStatus.State.CAUGHT_UP);
        assertThat(ingestor.lag()).isZero();
    }

    /** Where a record sent ended up: "raw" or its quarantine rule, with its stored bytes and the reason. */
    record Stored(String place, byte[] bytes, String reason) {}

    private Stored stored(Sent record) {
        return area.withConnection(connection -> {
            try (var statement = connection.prepareStatement(
                    """
                    SELECT 'raw', encode(message), NULL, 1 FROM raw.events
                    WHERE topic = ? AND kafka_partition = ? AND kafka_offset = ?
                    UNION ALL
                    SELECT rule, original, reason, 2 FROM quarantine.records
                    WHERE stage = 'ingest' AND topic = ? AND kafka_partition = ? AND kafka_offset = ?
                    ORDER BY 4""")) {
                for (int i = 0; i < 2; i++) {
                    statement.setString(1 + 3 * i, TOPIC);
                    statement.setInt(2 + 3 * i, record.partition());
                    statement.setLong(3 + 3 * i, record.offset());
                }
                try (var result = statement.executeQuery()) {
                    if (!result.next()) {
                        return null;
                    }
                    var found = new Stored(result.getString(1), result.getBytes(2), result.getString(3));
                    assertThat(result.next())
                            .as("record %d@%d stored twice", record.partition(), record.offset())
                            .isFalse();
                    return found;
                }
            }
        });
    }

    private Sent send(String key, byte[] value, String expected) {
        var metadata =
                kafka.send(new ProducerRecord<>(TOPIC, key, value)).join().getRecordMetadata();
        var record = new Sent(metadata.partition(), metadata.offset(), value, expected);
        sent.add(record);
        return record;
    }

    static String event(String eventId, String occurredAt, String data) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"ThingHappened\",\"schemaVersion\":1,\"occurredAt\":\""
                + occurredAt + "\",\"data\":" + data + "}";
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    static int indexOf(byte[] bytes, char wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + wanted);
    }
}
