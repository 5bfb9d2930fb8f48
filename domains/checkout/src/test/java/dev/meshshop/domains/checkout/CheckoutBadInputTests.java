package dev.meshshop.domains.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.events.OrderPurchased;
import dev.meshshop.platform.ingest.EventCodec;
import dev.meshshop.platform.ingest.IngestStatus;
import dev.meshshop.platform.starter.MeshRuntime;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad input on checkout's real topic, each record followed by a valid order: ingest keeps going, the refresh
 * (clean, model, publish) succeeds, and every record sent is a clean row or in quarantine with its reason. Among
 * the bad input are the records that used to stop the domain: an order dated in the year +1000000000, which
 * made ingest retry its batch forever, one dated in the year 100000, and one with a total of 1e50, each of which
 * made every refresh fail.
 */
@SpringBootTest(
        classes = CheckoutBadInputTests.MeshApplication.class,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s",
            "mesh.as-of=2026-01-01T00:00:00Z",
            "mesh.personal-data-salt=checkout-bad-input-tests-salt"
        })
@EmbeddedKafka(kraft = true)
class CheckoutBadInputTests {

    static final String TOPIC = CheckoutEvents.ORDER_PURCHASED.topic();

    @TempDir
    static Path dataDir;

    @Autowired
    MeshRuntime mesh;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    EmbeddedKafkaBroker broker;

    final EventCodec codec = new EventCodec();
    int orderNumber;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MeshApplication {}

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @Test
    void badInputStopsNeitherIngestNorTheRefreshAndEveryRecordIsAccountedFor() {
        String valid = new String(order(), StandardCharsets.UTF_8);
        byte[] invalidUtf8 = order();
        invalidUtf8[new String(invalidUtf8, StandardCharsets.UTF_8).indexOf("web")] = (byte) 0xFF;
        var bad = new TreeMap<String, List<byte[]>>();
        bad.put("not-json", List.of(bytes("not json"), bytes(valid.substring(0, valid.length() / 2))));
        bad.put(
                "too-deep",
                List.of(bytes(valid.replace(
                        "\"channel\"", "\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"channel\""))));
        bad.put("too-large", List.of(bytes(valid.replace("\"web\"", "\"" + "w".repeat(300 * 1024) + "\""))));
        bad.put("not-utf8", List.of(invalidUtf8));
        bad.put("unpaired-surrogate", List.of(bytes(valid.replace("\"web\"", "\"\\udc00\""))));
        bad.put("wrong-type", List.of(bytes(valid.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":4711"))));
        bad.put("no-event-id", List.of(bytes(valid.replaceFirst("\"eventId\":\"[^\"]*\",", ""))));
        bad.put("unknown-type", List.of(bytes(valid.replace("\"OrderPurchased\"", "\"OrderVanished\""))));
        bad.put(
                "out-of-range",
                List.of(
                        bytes(valid.replace("2025-12-31T18:00:00Z", "+1000000000-12-31T23:59:59Z")),
                        bytes(valid.replace("2025-12-31T18:00:00Z", "+100000-01-01T00:00:00Z")),
                        bytes(valid.replace("2025-12-31T18:00:00Z", "0000-12-31T10:00:00Z"))));
        bad.put("tombstone", Arrays.asList((byte[]) null));

        send(bytes(valid));
        int sent = 1;
        long validOrders = 1;
        var expected = new TreeMap<String, Long>();
        for (var rule : bad.entrySet()) {
            for (byte[] value : rule.getValue()) {
                send(value);
                send(order());
                sent += 2;
                validOrders++;
            }
            expected.put("ingest/" + rule.getKey(), (long) rule.getValue().size());
        }
        send(bytes(valid)); // a duplicate: stored as sent, and one copy is set aside by cleaning
        sent++;
        expected.put("clean/duplicate", 1L);
        // a number ingest takes and the clean zone's DECIMAL(18,2) cannot hold: set aside by cleaning
        String hugeTotal = new String(order(), StandardCharsets.UTF_8);
        assertThat(hugeTotal).contains("\"orderTotal\":19.98");
        send(bytes(hugeTotal.replace("\"orderTotal\":19.98", "\"orderTotal\":1e50")));
        sent++;
        expected.put("clean/invalid-field", 1L);

        var checkout = mesh.domain(CheckoutDomain.NAME);
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> checkout.ingestRemaining(admin) == 0);
        }
        assertThat(checkout.ingestStatus().orElseThrow().state())
                .isIn(IngestStatus.State.CAUGHT_UP, IngestStatus.State.CATCHING_UP);
        var cleaning = checkout.refresh().cleaning();

        var area = checkout.area();
        assertThat(area.quarantinedByRule()).isEqualTo(expected);
        long quarantinedAtIngest = area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'ingest'");
        assertThat(cleaning.balanced()).isTrue();
        assertThat(cleaning.input() + quarantinedAtIngest).isEqualTo(sent);
        assertThat(cleaning.cleanRows()).containsEntry("order_purchased", validOrders);
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'ingest' AND (reason = ''"
                        + " OR (original IS NULL AND rule <> 'tombstone'))"))
                .isZero();
        assertThat(area.queryLong("SELECT count(*) FROM model.orders")).isEqualTo(validOrders);
    }

    /** A valid purchase of a new order, dated on the last evening of the simulated year, so that the products are fresh. */
    private byte[] order() {
        orderNumber++;
        String id = UUID.nameUUIDFromBytes(("order-" + orderNumber).getBytes(StandardCharsets.UTF_8))
                .toString();
        return codec.encode(
                CheckoutEvents.ORDER_PURCHASED,
                "purchase-" + id,
                Instant.parse("2025-12-31T18:00:00Z"),
                new OrderPurchased(
                        id,
                        "session-" + id,
                        new OrderPurchased.Customer(
                                "customer-" + orderNumber, "c" + orderNumber + "@example.com", "Cus Tomer"),
                        List.of(new OrderPurchased.OrderLine("sku-0001", 2, new BigDecimal("9.99"))),
                        new BigDecimal("19.98"),
                        "EUR",
                        new OrderPurchased.Shipping("standard", new BigDecimal("4.95")),
                        null,
                        "web"));
    }

    private final List<byte[]> values = new ArrayList<>();

    private void send(byte[] value) {
        values.add(value);
        kafka().send(new ProducerRecord<>(TOPIC, "key-" + values.size(), value)).join();
    }

    private KafkaTemplate<String, byte[]> kafka;

    private KafkaTemplate<String, byte[]> kafka() {
        if (kafka == null) {
            var config = new HashMap<String, Object>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
            config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 900 * 1024);
            kafka = new KafkaTemplate<>(
                    new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
        }
        return kafka;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
