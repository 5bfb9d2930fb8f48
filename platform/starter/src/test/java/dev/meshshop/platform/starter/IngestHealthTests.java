package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.platform.ingest.DomainIngestor;
import dev.meshshop.platform.ingest.EventType;
import dev.meshshop.platform.ingest.IngestOptions;
import dev.meshshop.platform.ingest.RawZone;
import dev.meshshop.platform.pipelines.CleaningRunner;
import dev.meshshop.platform.pipelines.CleaningStage;
import dev.meshshop.platform.pipelines.PersonalDataSalt;
import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.SqlModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/** An ingest that makes no progress on its own turns the member's health DOWN, with the reason. */
class IngestHealthTests {

    record ThingHappened(String thingId) {}

    static final EventType<ThingHappened> THING_HAPPENED =
            new EventType<>("shop.thing-happened.v1", "ThingHappened", 1, ThingHappened.class);

    @TempDir
    Path dataDir;

    @Test
    void anIngestThatCannotReachItsBrokerTurnsTheMemberDown() {
        var layout = new MeshLayout(dataDir);
        try (var area = DomainArea.open(layout, "shop")) {
            // nothing listens on port 1: the consumer cannot fetch and the lag cannot be measured
            var consumers = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
            var options = new IngestOptions(1024, 8, Duration.ofMillis(100), Duration.ofSeconds(1));
            var domain = new MeshDomain(
                    "shop", "shop-team", List.of(THING_HAPPENED), plan -> {}, List.of(), List.of(), Optional.empty());
            var ingestor = new DomainIngestor(
                    "shop",
                    new RawZone(area, DomainIngestor.typesByTopic(domain.eventTypes()), options, Clock.systemUTC()),
                    domain.eventTypes(),
                    consumers,
                    new SimpleMeterRegistry(),
                    options);
            var runtime = new DomainRuntime(
                    domain,
                    area,
                    ingestor,
                    new CleaningStage(layout, CleaningRunner.direct(), PersonalDataSalt.of("a salt for health tests")),
                    SqlModels.fromClasspath(List.of(), getClass().getClassLoader()),
                    List.of(),
                    new OutputPortPublisher(layout, Clock.systemUTC(), List.of(), 3),
                    new MeshDirectory(layout),
                    AccessCheck.unchecked());
            var health = new MeshHealthIndicator(new MeshRuntime(List.of(runtime), Duration.ZERO));
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
}
