package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.ingest.DomainIngestor;
import dev.meshshop.platform.ingest.IngestOptions;
import dev.meshshop.platform.ingest.IngestStatus;
import dev.meshshop.platform.ingest.RawZone;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** An ingest that makes no progress on its own turns the member's health DOWN, with the reason. */
@EmbeddedKafka(kraft = true, partitions = 1, topics = "shop.thing-happened.v1")
class IngestHealthTests {

    record ThingHappened(String thingId) {}

    static final EventType<ThingHappened> THING_HAPPENED =
            new EventType<>("shop.thing-happened.v1", "ThingHappened", 1, ThingHappened.class);

    static final IngestOptions OPTIONS = new IngestOptions(1024, 8, Duration.ofMillis(100), Duration.ofSeconds(1));

    @TempDir
    Path dataDir;

    final EmbeddedKafkaBroker broker;

    IngestHealthTests(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @Test
    void anIngestThatCannotReachItsBrokerTurnsTheMemberDown() {
        // nothing listens on port 1: the consumer cannot fetch and the lag cannot be measured
        try (var area = DomainArea.open(new MeshLayout(dataDir), "shop")) {
            var zone =
                    new RawZone(area, DomainIngestor.typesByTopic(List.of(THING_HAPPENED)), OPTIONS, Clock.systemUTC());
            var runtime = runtime(area, zone, "localhost:1");
            var health = new MeshHealthIndicator(
                    new MeshRuntime(List.of(runtime), Duration.ZERO, DomainRuntimeTests.AT_ONCE));
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            runtime.startIngest();
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> health.health().getStatus() == Status.DOWN);
                assertThat(health.health().getDetails().get("shop").toString())
                        .contains("ingest=BROKER_UNREACHABLE")
                        .contains("ingestProblem=cannot read the end offsets of [shop.thing-happened.v1] from the"
                                + " broker");
            } finally {
                runtime.stopIngest();
            }
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void aStalledIngestTurnsTheMemberDownUntilItMovesAgain() {
        try (var area = DomainArea.open(new MeshLayout(dataDir), "shop")) {
            var zone =
                    new RawZone(area, DomainIngestor.typesByTopic(List.of(THING_HAPPENED)), OPTIONS, Clock.systemUTC());
            var runtime = runtime(area, zone, broker.getBrokersAsString());
            var health = new MeshHealthIndicator(
                    new MeshRuntime(List.of(runtime), Duration.ZERO, DomainRuntimeTests.AT_ONCE));
            var kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                    Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                    new StringSerializer(),
                    new ByteArraySerializer()));
            runtime.startIngest();
            try {
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> runtime.ingestStatus().orElseThrow().state() == IngestStatus.State.CAUGHT_UP);
                // a write that hangs: the consumer's thread waits for the zone as long as this test holds it
                synchronized (zone) {
                    kafka.send(new ProducerRecord<>(
                                    THING_HAPPENED.topic(),
                                    "k",
                                    new EventCodec()
                                            .encode(THING_HAPPENED, "e-1", Instant.now(), new ThingHappened("t"))))
                            .join();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> health.health().getStatus() == Status.DOWN);
                    assertThat(health.health().getDetails().get("shop").toString())
                            .contains("ingestLag=1")
                            .contains("ingest=STALLED")
                            .contains("ingestProblem=stored nothing for");
                }
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    var now = health.health();
                    assertThat(now.getStatus()).isEqualTo(Status.UP);
                    assertThat(now.getDetails().get("shop").toString())
                            .contains("ingestLag=0")
                            .contains("ingest=CAUGHT_UP")
                            .contains("ingestLastStored=");
                });
            } finally {
                runtime.stopIngest();
            }
        }
    }

    private DomainRuntime runtime(DomainArea area, RawZone zone, String bootstrapServers) {
        var layout = new MeshLayout(dataDir);
        var consumers = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class));
        var domain = new MeshDomain("shop", "shop-team", List.of(THING_HAPPENED), plan -> {}, List.of(), List.of());
        var ingestor =
                new DomainIngestor("shop", zone, domain.eventTypes(), consumers, new SimpleMeterRegistry(), OPTIONS);
        return TestRuntimes.of(domain, layout, area, ingestor, List.of(), List.of());
    }
}
