package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker keeps its topics, records and committed offsets in its folder across a restart. */
class KraftBrokerTests {

    @TempDir
    Path dir;

    @Test
    void aRestartedBrokerHasItsTopicsRecordsAndCommittedOffsets() throws Exception {
        var folder = dir.resolve("broker");
        var topic = new TopicPartition("checkout.orders", 0);
        var broker = KraftBroker.start(folder, 0);
        try (var admin = admin(broker)) {
            admin.createTopics(List.of(new NewTopic(topic.topic(), 1, (short) 1)))
                    .all()
                    .get();
            try (var producer = producer(broker)) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(topic.topic(), "order-" + i))
                            .get();
                }
            }
            admin.alterConsumerGroupOffsets("mesh-ingest-checkout", Map.of(topic, new OffsetAndMetadata(2)))
                    .all()
                    .get();
        } finally {
            broker.destroy();
        }

        var again = KraftBroker.start(folder, 0);
        try (var admin = admin(again)) {
            assertThat(admin.listTopics().names().get()).contains(topic.topic());
            assertThat(admin.listOffsets(Map.of(topic, OffsetSpec.latest()))
                            .partitionResult(topic)
                            .get()
                            .offset())
                    .isEqualTo(3);
            assertThat(admin.listConsumerGroupOffsets("mesh-ingest-checkout")
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(topic)
                            .offset())
                    .isEqualTo(2);
            try (var consumer = consumer(again)) {
                consumer.assign(Set.of(topic));
                consumer.seekToBeginning(Set.of(topic));
                var values = new java.util.ArrayList<String>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 3 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                }
                assertThat(values).containsExactly("order-0", "order-1", "order-2");
            }
        } finally {
            again.destroy();
        }
    }

    @Test
    void aTakenPortIsNamedWithTheOptionToChooseAnother() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> KraftBroker.start(dir.resolve("broker"), taken.getLocalPort()))
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("--mesh.local.kafka-port=");
        }
    }

    @Test
    void aFolderThatIsNotAKafkaLogIsNamedWithTheWayToStartFresh() throws Exception {
        var folder = dir.resolve("broker");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("notes.txt"), "not a log");

        assertThatThrownBy(() -> KraftBroker.start(folder, 0))
                .hasMessageContaining(folder.toAbsolutePath().toString())
                .hasMessageContaining("--mesh.local.fresh=true");
    }

    @Test
    void brokenBrokerDataIsNamedWithTheWayToStartFresh() throws Exception {
        var folder = dir.resolve("broker");
        KraftBroker.start(folder, 0).destroy();
        Files.writeString(folder.resolve("meta.properties"), "node.id=7\nversion=1\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> KraftBroker.start(folder, 0))
                .hasMessageContaining("cannot open its log in " + folder.toAbsolutePath())
                .hasMessageContaining("--mesh.local.fresh=true");
    }

    private static Admin admin(KraftBroker broker) {
        return Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(KraftBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer(KraftBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
    }
}
