package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.ingest.IngestStatus;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.PublishedPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The embedded mesh as the launcher runs it, stopped and started again on the same data directory: it continues
 * where it stopped (products with their snapshot history, grants, the usage audit; the fill is not sent again and
 * no event is ingested twice), and {@code --mesh.local.fresh=true} starts it from nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestartTests {

    /**
     * Two domains, one consuming the other's product, at a small scale: about 4,000 events and two Beam jobs, quick to
     * fill, with products, input ports, grants and usage to keep.
     */
    static final double SCALE = 0.005;

    static final String DOMAINS = "checkout,payment";

    @TempDir
    static Path dir;

    /** What the first start left behind, for the fresh start to compare with. */
    static Map<String, Long> storedByFirstFill;

    static Instant firstFillStarted;

    @Test
    @Order(1)
    void aRestartedMeshContinuesWhereItStoppedAndIngestsNoEventTwice() throws Exception {
        Path data = dir.resolve("data");
        Map<String, List<String>> history;
        JsonNode requests;
        JsonNode usage;
        long itemRows;
        String fillRecord;
        try (var first = start(data)) {
            assertThat(first.getBean(FillTheMesh.class).awaitDone(Duration.ofMinutes(5)))
                    .isEqualTo(FillTheMesh.State.READY);
            var api = api(first);
            var request = api.post()
                    .uri("/api/access/requests")
                    .header("Authorization", bearer(first, "payment"))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "consumer", "payment", "product", "checkout.order_items", "purpose", "refunds per item"))
                    .retrieve()
                    .body(JsonNode.class);
            api.post()
                    .uri("/api/access/requests/{id}/approve", request.path("id").asText())
                    .header("Authorization", bearer(first, "checkout"))
                    .retrieve()
                    .toBodilessEntity();
            itemRows = countItems(first);
            assertThat(itemRows).isPositive();

            history = history(first);
            assertThat(history)
                    .containsOnlyKeys(
                            "checkout.orders",
                            "checkout.order_items",
                            "checkout.customers",
                            "checkout.customer_history",
                            "payment.payments");
            requests = api.get().uri("/api/access/requests").retrieve().body(JsonNode.class);
            usage = api.get().uri("/api/access/usage").retrieve().body(JsonNode.class);
            assertThat(usage.findValuesAsText("consumer")).contains("payment");
            storedByFirstFill = stored(first.getBean(MeshRuntime.class));
            fillRecord = Files.readString(data.resolve(FillRecord.FILE));
            firstFillStarted = FillRecord.read(data).orElseThrow().started();
        }

        try (var second = start(data)) {
            // the fill is not run again: the mesh is ready at once, its record untouched
            assertThat(second.getBean(FillTheMesh.class).awaitDone(Duration.ofSeconds(10)))
                    .isEqualTo(FillTheMesh.State.READY);
            assertThat(data.resolve(FillRecord.FILE)).hasContent(fillRecord);
            var mesh = second.getBean(MeshRuntime.class);

            // the broker kept its log: its end offsets are exactly where every domain's raw zone stopped
            awaitCaughtUp(mesh);
            try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrap(second)))) {
                for (DomainRuntime domain : mesh.domains()) {
                    assertThat(domain.ingestRemaining(admin))
                            .as(
                                    "records of %s on the broker not in its raw zone",
                                    domain.domain().name())
                            .isZero();
                }
            }

            // ingest resumes after what it stored: one new event is ingested once, none of the old ones again
            sendOneOrder(second);
            var registry = second.getBean(MeterRegistry.class);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(records(registry, "checkout", "ingested"))
                            .isEqualTo(1));
            var expected = new TreeMap<>(storedByFirstFill);
            expected.merge("checkout", 1L, Long::sum);
            assertThat(stored(mesh)).isEqualTo(expected);
            for (DomainRuntime domain : mesh.domains()) {
                String name = domain.domain().name();
                assertThat(records(registry, name, "ingested")).as(name).isEqualTo(name.equals("checkout") ? 1 : 0);
                assertThat(records(registry, name, "quarantined")).as(name).isZero();
                assertThat(records(registry, name, "redelivered")).as(name).isZero();
            }

            // products with their snapshot history, requests and grants, the usage audit: all as they were
            var api = api(second);
            assertThat(history(second)).isEqualTo(history);
            assertThat(catalog(api)).containsExactlyInAnyOrderElementsOf(history.keySet());
            assertThat(api.get().uri("/api/access/requests").retrieve().body(JsonNode.class))
                    .isEqualTo(requests);
            assertThat(grants(api)).containsExactlyInAnyOrder("checkout.orders", "checkout.order_items");
            assertThat(api.get().uri("/api/access/usage").retrieve().body(JsonNode.class))
                    .isEqualTo(usage);
            assertThat(countItems(second)).isEqualTo(itemRows);
        }
    }

    @Test
    @Order(2)
    void freshStartsFromNothing() throws Exception {
        Path data = dir.resolve("data");
        assertThat(data.resolve(EmbeddedBroker.FOLDER))
                .as("the data of the first test")
                .isDirectory();

        try (var fresh = start(data, "--mesh.local.fresh=true")) {
            var api = api(fresh);
            // payment's declared input port is granted again by the owner's standing agreement, nothing else
            assertThat(grants(api)).containsExactly("checkout.orders");
            assertThat(api.get().uri("/api/access/usage").retrieve().body(JsonNode.class))
                    .isEmpty();

            assertThat(fresh.getBean(FillTheMesh.class).awaitDone(Duration.ofMinutes(5)))
                    .isEqualTo(FillTheMesh.State.READY);
            assertThat(FillRecord.read(data).orElseThrow().started()).isAfter(firstFillStarted);
            // the company once, from an empty broker and empty raw zones: as many records as the first fill
            assertThat(stored(fresh.getBean(MeshRuntime.class))).isEqualTo(storedByFirstFill);
        }
    }

    @Test
    @Order(3)
    void aFillStoppedWhileSendingIsNotSentAgain() throws Exception {
        Path data = dir.resolve("data");
        var filled = FillRecord.read(data).orElseThrow();
        var stopped = FillRecord.sending(filled.seed(), filled.scale(), filled.domains(), filled.started());
        stopped.write(data);
        var storedBefore = storedByFirstFill;

        try (var restarted = start(data)) {
            assertThat(restarted.getBean(FillTheMesh.class).awaitDone(Duration.ofSeconds(30)))
                    .isEqualTo(FillTheMesh.State.FAILED);
            var mesh = restarted.getBean(MeshRuntime.class);
            awaitCaughtUp(mesh);
            assertThat(stored(mesh)).isEqualTo(storedBefore);
            assertThat(FillRecord.read(data)).contains(stopped);
        }
    }

    private static ConfigurableApplicationContext start(Path data, String... more) {
        var args = new ArrayList<>(List.of(
                "--server.port=0",
                "--mesh.local.kafka-port=0",
                "--mesh.query.flight.enabled=false",
                "--mesh.data-dir=" + data,
                "--mesh.local.scale=" + SCALE,
                "--mesh.local.seed=42",
                "--mesh.domains=" + DOMAINS,
                "--mesh.refresh-interval=0s",
                "--mesh.ingest.lag-interval=500ms"));
        args.addAll(List.of(more));
        return new SpringApplication(MeshShopLocal.class).run(args.toArray(String[]::new));
    }

    /** The mesh's API with the platform client's token, which sees every domain's requests and reads. */
    private static RestClient api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", bearer(context, MeshIdentities.PLATFORM))
                .build();
    }

    /** The {@code Authorization} value of {@code who}'s client, from the started mesh's issuer. */
    private static String bearer(ConfigurableApplicationContext context, String who) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Tokens(port, context.getBean(MeshIdentities.class)).bearer(who);
    }

    private static String bootstrap(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers");
    }

    /** The products the catalog lists. */
    private static List<String> catalog(RestClient api) {
        var ids = new ArrayList<String>();
        api.get()
                .uri("/api/products")
                .retrieve()
                .body(JsonNode.class)
                .forEach(product -> ids.add(product.path("id").asText()));
        return ids;
    }

    private static List<String> grants(RestClient api) {
        var grants = new ArrayList<String>();
        api.get()
                .uri("/api/access/grants?consumer=payment")
                .retrieve()
                .body(JsonNode.class)
                .forEach(grant -> grants.add(grant.asText()));
        return grants;
    }

    private static long countItems(ConfigurableApplicationContext context) {
        return api(context)
                .post()
                .uri("/api/query")
                .header("Authorization", bearer(context, "payment"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sql", "SELECT count(*) AS n FROM checkout.order_items"))
                .retrieve()
                .body(JsonNode.class)
                .at("/rows/0/0")
                .asLong();
    }

    /** Every published port's snapshots, oldest first, by product and major version. */
    private static Map<String, List<String>> history(ConfigurableApplicationContext context) {
        var history = new TreeMap<String, List<String>>();
        for (PublishedPort port : context.getBean(MeshDirectory.class).ports()) {
            history.put(
                    port.product() + (port.major() == 1 ? "" : " v" + port.major()),
                    port.history().stream().map(old -> old.snapshot().id()).toList());
        }
        return history;
    }

    /** Per domain, the records its ingest stored: in the raw zone and quarantined at ingest. */
    private static Map<String, Long> stored(MeshRuntime mesh) {
        var stored = new TreeMap<String, Long>();
        for (DomainRuntime domain : mesh.domains()) {
            var area = domain.area();
            stored.put(
                    domain.domain().name(),
                    area.queryLong("SELECT count(*) FROM " + DomainArea.RAW_EVENTS)
                            + area.queryLong(
                                    "SELECT count(*) FROM " + DomainArea.QUARANTINE + " WHERE stage = 'ingest'"));
        }
        return stored;
    }

    private static void awaitCaughtUp(MeshRuntime mesh) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (DomainRuntime domain : mesh.domains()) {
                domain.ingestStatus().ifPresent(status -> assertThat(status.state())
                        .as(domain.domain().name())
                        .isEqualTo(IngestStatus.State.CAUGHT_UP));
            }
        });
    }

    private static double records(MeterRegistry registry, String domain, String outcome) {
        return registry.find("mesh.ingest.records").tag("domain", domain).tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static void sendOneOrder(ConfigurableApplicationContext context) throws Exception {
        var type = CheckoutEvents.ORDER_PURCHASED;
        String event = "{\"eventId\":\"after-the-restart\",\"type\":\"" + type.name() + "\",\"schemaVersion\":"
                + type.schemaVersion() + ",\"occurredAt\":\"2025-12-31T12:00:00Z\",\"data\":{}}";
        try (var producer = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(context),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(type.topic(), "o-restart", event.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }
}
