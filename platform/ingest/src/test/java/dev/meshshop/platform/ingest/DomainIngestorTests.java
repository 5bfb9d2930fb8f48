package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

// The broker is shared by the tests of this class: each test tells its own events apart by id.
@EmbeddedKafka(kraft = true, partitions = 2, topics = DomainIngestorTests.TOPIC)
class DomainIngestorTests {

    static final String TOPIC = "shop.thing-happened.v1";

    record ThingHappened(String thingId, int size) {}

    static final EventType<ThingHappened> THING_HAPPENED =
            new EventType<>(TOPIC, "ThingHappened", 1, ThingHappened.class);

    @TempDir
    Path dataDir;

    final EmbeddedKafkaBroker broker;
    final EventCodec codec = new EventCodec();
    DomainArea area;
    KafkaTemplate<String, byte[]> kafka;

    DomainIngestorTests(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeEach
    void setUp() {
        area = DomainArea.open(new MeshLayout(dataDir), "shop");
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new ByteArraySerializer()));
    }

    @AfterEach
    void tearDown() {
        area.close();
    }

    @Test
    void storesEventsInRawAndUnreadableRecordsInQuarantineWithReasonAndBytes() {
        for (int i = 0; i < 50; i++) {
            send(
                    "t-" + i,
                    codec.encode(
                            THING_HAPPENED,
                            "e-" + i,
                            Instant.parse("2026-05-01T00:00:00Z"),
                            new ThingHappened("t-" + i, i)));
        }
        send("bad-1", "this is not json".getBytes(StandardCharsets.UTF_8));
        send("bad-2", "{\"type\":\"ThingHappened\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));

        var ingestor = ingestor("shop-a");
        ingestor.start();
        try (var admin = admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ingestor.remaining(admin) == 0);
        } finally {
            ingestor.stop();
        }

        assertThat(area.queryLong("SELECT count(DISTINCT event_id) FROM raw.events WHERE event_id LIKE 'e-%'"))
                .isEqualTo(50);
        assertThat(area.queryLong(
                        "SELECT sum((message::JSON->>'$.data.size')::INT) FROM raw.events WHERE event_id LIKE 'e-%'"))
                .isEqualTo(50 * 49 / 2);
        assertThat(quarantine())
                .containsExactlyInAnyOrder(
                        "not JSON|this is not json", "no eventId|{\"type\":\"ThingHappened\",\"data\":{}}");
        assertThat(area.queryLong("SELECT count(*) FROM raw.events WHERE event_id LIKE 'e-%' AND topic = '" + TOPIC
                        + "' AND kafka_offset >= 0 AND ingested_at IS NOT NULL"))
                .isEqualTo(50);
    }

    @Test
    void aSecondDeliveryOfTheSameRecordsChangesNothing() {
        var zone = new RawZone(area, DomainIngestor.typesByTopic(List.of(THING_HAPPENED)), Clock.systemUTC());
        var batch = new ArrayList<ConsumerRecord<String, byte[]>>();
        for (int i = 0; i < 10; i++) {
            batch.add(new ConsumerRecord<>(
                    TOPIC,
                    i % 2,
                    i / 2,
                    "k",
                    codec.encode(THING_HAPPENED, "e-" + i, Instant.now(), new ThingHappened("t", i))));
        }
        batch.add(new ConsumerRecord<>(TOPIC, 0, 5, "k", "garbage".getBytes(StandardCharsets.UTF_8)));

        assertThat(zone.append(batch))
                .usingRecursiveComparison()
                .ignoringFields("quarantinedByRule")
                .isEqualTo(new RawZone.Appended(10, 1, 0));
        assertThat(zone.append(batch)).isEqualTo(new RawZone.Appended(0, 0, 11));

        // a new process reads its position back from the area itself
        var reopened = new RawZone(area, DomainIngestor.typesByTopic(List.of(THING_HAPPENED)), Clock.systemUTC());
        assertThat(reopened.append(batch)).isEqualTo(new RawZone.Appended(0, 0, 11));
        assertThat(area.queryLong("SELECT count(*) FROM raw.events")).isEqualTo(10);
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records")).isEqualTo(1);
    }

    @Test
    void aRestartedIngestorResumesAfterWhatItStoredEvenWithoutCommittedOffsets() {
        for (int i = 0; i < 20; i++) {
            send("k" + i, codec.encode(THING_HAPPENED, "r-" + i, Instant.now(), new ThingHappened("t", i)));
        }
        var first = ingestor("shop-b");
        first.start();
        try (var admin = admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.remaining(admin) == 0);
            first.stop();

            // a fresh consumer group has no committed offsets and would start from the beginning
            var second = ingestor("shop-c");
            second.start();
            send("k-late", codec.encode(THING_HAPPENED, "r-late", Instant.now(), new ThingHappened("t", 99)));
            await().atMost(Duration.ofSeconds(30)).until(() -> second.remaining(admin) == 0);
            second.stop();
        }
        assertThat(area.queryLong("SELECT count(*) FROM raw.events WHERE event_id LIKE 'r-%'"))
                .isEqualTo(21);
    }

    private DomainIngestor ingestor(String domain) {
        var consumers = new DefaultKafkaConsumerFactory<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        var types = List.<EventType<?>>of(THING_HAPPENED);
        var zone = new RawZone(area, DomainIngestor.typesByTopic(types), Clock.systemUTC());
        return new DomainIngestor(domain, zone, types, consumers, new SimpleMeterRegistry());
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    private void send(String key, byte[] value) {
        kafka.send(new ProducerRecord<>(TOPIC, key, value)).join();
    }

    private List<String> quarantine() {
        return area.withConnection(connection -> {
            var rows = new ArrayList<String>();
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT reason, original FROM quarantine.records WHERE stage = 'ingest'")) {
                while (result.next()) {
                    String reason = result.getString(1);
                    rows.add(reason.substring(0, reason.indexOf(':')) + "|"
                            + new String(result.getBytes(2), StandardCharsets.UTF_8));
                }
            }
            return rows;
        });
    }
}
