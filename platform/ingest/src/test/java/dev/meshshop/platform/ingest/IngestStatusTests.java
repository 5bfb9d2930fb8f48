package dev.meshshop.platform.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** A failing or stuck ingest shows in its status, its metrics and the log, with the lag the broker reports. */
@EmbeddedKafka(
        kraft = true,
        partitions = 1,
        topics = {IngestStatusTests.FAILING_TOPIC, IngestStatusTests.STALLED_TOPIC})
class IngestStatusTests {

    static final String FAILING_TOPIC = "failing.thing-happened.v1";
    static final String STALLED_TOPIC = "stalled.thing-happened.v1";

    @TempDir
    Path dataDir;

    final EmbeddedKafkaBroker broker;
    final EventCodec codec = new EventCodec();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    DomainArea area;
    KafkaTemplate<String, byte[]> kafka;

    IngestStatusTests(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeEach
    void setUp() {
        area = DomainArea.open(new MeshLayout(dataDir), "shop");
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(),
                new ByteArraySerializer()));
        logged.start();
        ((Logger) LoggerFactory.getLogger(DomainIngestor.class)).addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(DomainIngestor.class)).detachAppender(logged);
        area.close();
    }

    @Test
    void anAreaThatCannotStoreMakesIngestFailingUntilItCanAgain() {
        var type = new EventType<>(FAILING_TOPIC, "ThingHappened", 1, DomainIngestorTests.ThingHappened.class);
        var zone = new RawZone(area, DomainIngestor.typesByTopic(List.of(type)), Clock.systemUTC());
        var ingestor = ingestor("failing", zone, type);
        ingestor.start();
        try {
            send(type, "before");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingestor.status().state() == IngestStatus.State.CAUGHT_UP);

            // Neither the raw zone nor the quarantine can take anything now: no single record is to blame.
            area.withConnection(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE main.raw_events AS FROM raw.events LIMIT 0");
                    statement.execute("CREATE TABLE main.quarantine_records AS FROM quarantine.records LIMIT 0");
                    statement.execute("DROP TABLE raw.events");
                    statement.execute("DROP TABLE quarantine.records");
                }
                return null;
            });
            for (int i = 0; i < 3; i++) {
                send(type, "during-" + i);
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var status = ingestor.status();
                assertThat(status.state()).isEqualTo(IngestStatus.State.FAILING);
                assertThat(status.lag()).isEqualTo(3);
                assertThat(status.problem()).startsWith("storing a batch of").contains("'raw'", "'events'");
                assertThat(gauge("mesh.ingest.lag", "failing")).isEqualTo(3);
                assertThat(errors()).anyMatch(line -> line.startsWith("Ingest of failing is FAILING: storing a batch"));
            });
            assertThat(gauge("mesh.ingest.stuck", "failing")).isEqualTo(1);
            assertThat(meters.get("mesh.ingest.failures").counter().count()).isPositive();

            // the area can store again: the batch retried with back-off goes in, nothing is skipped
            area.withConnection(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE raw.events AS FROM main.raw_events");
                    statement.execute("CREATE TABLE quarantine.records AS FROM main.quarantine_records");
                }
                return null;
            });
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingestor.status().state() == IngestStatus.State.CAUGHT_UP);
            assertThat(area.queryLong("SELECT count(*) FROM raw.events WHERE event_id LIKE 'during-%'"))
                    .isEqualTo(3);
            assertThat(area.queryLong("SELECT count(*) FROM quarantine.records"))
                    .isZero();
            assertThat(gauge("mesh.ingest.stuck", "failing")).isZero();
            assertThat(infos()).anyMatch(line -> line.startsWith("Ingest of failing recovered from FAILING"));
        } finally {
            ingestor.stop();
        }
        assertThat(ingestor.status().state()).isEqualTo(IngestStatus.State.STOPPED);
    }

    @Test
    void anIngestThatStoresNothingWhileRecordsWaitIsStalled() {
        var type = new EventType<>(STALLED_TOPIC, "ThingHappened", 1, DomainIngestorTests.ThingHappened.class);
        var zone = new RawZone(area, DomainIngestor.typesByTopic(List.of(type)), Clock.systemUTC());
        var ingestor = ingestor("stalled", zone, type);
        ingestor.start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingestor.status().state() == IngestStatus.State.CAUGHT_UP);
            // a write that hangs: the consumer's thread waits for the zone as long as this test holds it
            synchronized (zone) {
                for (int i = 0; i < 5; i++) {
                    send(type, "waiting-" + i);
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    var status = ingestor.status();
                    assertThat(status.state()).isEqualTo(IngestStatus.State.STALLED);
                    assertThat(status.lag()).isEqualTo(5);
                    assertThat(status.problem())
                            .startsWith("stored nothing for ")
                            .contains("holds 5 records");
                    assertThat(errors())
                            .anyMatch(line -> line.startsWith("Ingest of stalled is STALLED: stored nothing"));
                });
                assertThat(gauge("mesh.ingest.stuck", "stalled")).isEqualTo(1);
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingestor.status().state() == IngestStatus.State.CAUGHT_UP);
            assertThat(ingestor.status().lastStoredAt()).isAfter(Instant.now().minusSeconds(60));
            assertThat(area.queryLong("SELECT count(*) FROM raw.events WHERE event_id LIKE 'waiting-%'"))
                    .isEqualTo(5);
            assertThat(gauge("mesh.ingest.stuck", "stalled")).isZero();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(infos())
                    .anyMatch(line -> line.startsWith("Ingest of stalled recovered from STALLED")));
        } finally {
            ingestor.stop();
        }
    }

    private DomainIngestor ingestor(String domain, RawZone zone, EventType<?> type) {
        var consumers = new DefaultKafkaConsumerFactory<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        var options = new IngestOptions(1024, 8, Duration.ofMillis(200), Duration.ofSeconds(2));
        return new DomainIngestor(domain, zone, List.of(type), consumers, meters, options);
    }

    private double gauge(String name, String domain) {
        return meters.get(name).tag("domain", domain).gauge().value();
    }

    private List<String> errors() {
        return logged(Level.ERROR);
    }

    private List<String> infos() {
        return logged(Level.INFO);
    }

    private List<String> logged(Level level) {
        synchronized (logged) {
            return logged.list.stream()
                    .filter(event -> event.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    @SuppressWarnings("unchecked")
    private void send(EventType<?> type, String eventId) {
        var thing = (EventType<DomainIngestorTests.ThingHappened>) type;
        kafka.send(new ProducerRecord<>(
                        type.topic(),
                        eventId,
                        codec.encode(thing, eventId, Instant.now(), new DomainIngestorTests.ThingHappened("t", 1))))
                .join();
    }
}
