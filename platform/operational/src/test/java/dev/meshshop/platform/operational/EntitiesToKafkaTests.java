package dev.meshshop.platform.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.events.EntityChanged;
import dev.meshshop.platform.events.Envelope;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Both ways out of an operational system, as far as the domain's topic on a real broker: what the system did
 * arrives as events, once per change, in the order of each entity's changes.
 */
@EmbeddedKafka(
        kraft = true,
        partitions = 3,
        topics = {EntitiesToKafkaTests.CUSTOMERS, EntitiesToKafkaTests.ARTICLES})
class EntitiesToKafkaTests extends WithOperationalDatabases {

    static final String CUSTOMERS = "checkout.customer-changed.v1";
    static final String ARTICLES = "fulfillment.article-changed.v1";
    static final EventType<EntityChanged> CUSTOMER_CHANGED =
            new EventType<>(CUSTOMERS, "CustomerChanged", 1, EntityChanged.class);
    static final EventType<EntityChanged> ARTICLE_CHANGED =
            new EventType<>(ARTICLES, "ArticleChanged", 1, EntityChanged.class);

    static final ObjectMapper JSON = new ObjectMapper();

    final EmbeddedKafkaBroker broker;
    final EventCodec codec = new EventCodec();
    KafkaProducer<String, byte[]> producer;

    EntitiesToKafkaTests(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    KafkaEntityChangeSink sink(EventType<EntityChanged> type) {
        return new KafkaEntityChangeSink(producer, type, new EntityChangeEvents(codec), Duration.ofSeconds(30));
    }

    @Test
    void theOutboxsChangesArriveOnTheTopicOncePerChangeInOrder() throws Exception {
        var database = databases.database("checkout_kafka");
        var jdbc = new JdbcTemplate(database);
        var outbox = new Outbox(database);
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        jdbc.execute("CREATE TABLE customers (id text PRIMARY KEY, city text NOT NULL)");
        outbox.createTable();
        var truth = new ArrayList<String>();
        var clock = Instant.parse("2025-02-01T00:00:00Z");
        String[][] story = {
            {"c-1", "CREATED", "Berlin"},
            {"c-2", "CREATED", "Bonn"},
            {"c-1", "UPDATED", "Munich"},
            {"c-2", "DELETED", "Bonn"},
            {"c-1", "UPDATED", "Kiel"}
        };
        for (String[] step : story) {
            clock = clock.plus(Duration.ofDays(3));
            var at = clock;
            transactions.executeWithoutResult(status -> {
                switch (step[1]) {
                    case "CREATED" -> jdbc.update("INSERT INTO customers VALUES (?, ?)", step[0], step[2]);
                    case "UPDATED" -> jdbc.update("UPDATE customers SET city = ? WHERE id = ?", step[2], step[0]);
                    default -> jdbc.update("DELETE FROM customers WHERE id = ?", step[0]);
                }
                outbox.record(
                        "customer", step[0], EntityChange.Operation.valueOf(step[1]), Map.of("city", step[2]), at);
            });
            truth.add(step[0] + " " + step[1] + " " + step[2] + " " + at);
        }

        try (var relay = new OutboxRelay(database, sink(CUSTOMER_CHANGED), 2)) {
            relay.drain();
        }

        assertThat(perEntity(read(CUSTOMERS, CUSTOMER_CHANGED, truth.size()))).isEqualTo(perEntity(truth));
    }

    @Test
    void theCapturedChangesArriveOnTheTopicOncePerChangeInOrder() {
        var database = databases.database("fulfillment_kafka");
        var jdbc = new JdbcTemplate(database);
        jdbc.execute("CREATE TABLE articles (id text PRIMARY KEY, listed boolean NOT NULL,"
                + " changed_at timestamptz NOT NULL)");
        var settings = new ChangeCapture.Settings(
                "fulfillment_kafka",
                databases.server(),
                "fulfillment_kafka",
                List.of("articles"),
                "changed_at",
                dir.resolve("fulfillment_kafka.offsets"));
        var truth = new ArrayList<String>();

        try (var capture = ChangeCapture.start(settings, database, sink(ARTICLE_CHANGED), (event, reason) -> {
            throw new AssertionError(reason);
        })) {
            capture.awaitStreaming(Duration.ofSeconds(60));
            var at = Instant.parse("2025-04-01T00:00:00Z");
            jdbc.update("INSERT INTO articles VALUES ('sku-1', true, ?)", Timestamp.from(at));
            truth.add("sku-1 CREATED true " + at);
            at = at.plus(Duration.ofDays(40));
            jdbc.update("UPDATE articles SET listed = false, changed_at = ? WHERE id = 'sku-1'", Timestamp.from(at));
            truth.add("sku-1 UPDATED false " + at);
            var events = read(ARTICLES, ARTICLE_CHANGED, truth.size());
            assertThat(events).containsExactlyElementsOf(truth);
        }
    }

    /** The events on {@code topic}, once per event id, as "key operation value time". */
    List<String> read(String topic, EventType<EntityChanged> type, int expected) {
        var once = new LinkedHashMap<String, String>();
        try (var consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var envelope = (Envelope) codec.decode(record.value(), topic, Set.of(type.name()));
                    var data = JSON.readTree(envelope.json()).path("data");
                    var state = data.path("state");
                    String value = state.has("city")
                            ? state.path("city").asText()
                            : state.path("listed").asText();
                    once.putIfAbsent(
                            envelope.eventId(),
                            data.path("key").asText() + " "
                                    + data.path("operation").asText() + " " + value + " " + envelope.occurredAt());
                }
                return once.size() >= expected;
            });
        }
        return List.copyOf(once.values());
    }

    /** Changes grouped by entity, each entity's in order: what a keyed topic keeps. */
    static Map<String, List<String>> perEntity(List<String> changes) {
        var grouped = new LinkedHashMap<String, List<String>>();
        changes.forEach(change -> grouped.computeIfAbsent(change.split(" ")[0], key -> new ArrayList<>())
                .add(change));
        return new java.util.TreeMap<>(grouped);
    }
}
