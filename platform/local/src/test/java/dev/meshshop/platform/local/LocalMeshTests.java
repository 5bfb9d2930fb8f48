package dev.meshshop.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * README command 1, as a test: the embedded mesh starts in one JVM (KRaft broker, checkout on Flink
 * in-process, the catalog), fills itself, and the catalog lists checkout.orders with its contract.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mesh.local.scale=0.002", "mesh.refresh-interval=0s"})
class LocalMeshTests {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    FillTheMesh fill;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws IOException {
        try (var socket = new ServerSocket(0)) {
            int kafkaPort = socket.getLocalPort();
            registry.add("mesh.local.kafka-port", () -> kafkaPort);
        }
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @Test
    void theCatalogListsCheckoutOrdersWithItsContractOnceTheMeshIsFilled() {
        var catalog = RestClient.create("http://localhost:" + port);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> fill.state() == FillTheMesh.State.READY || fill.state() == FillTheMesh.State.FAILED);
        assertThat(fill.state()).isEqualTo(FillTheMesh.State.READY);

        var products = catalog.get().uri("/api/products").retrieve().body(JsonNode.class);
        assertThat(products).isNotNull();
        assertThat(products.findValuesAsText("id")).contains("checkout.orders");

        var orders =
                catalog.get().uri("/api/products/checkout.orders").retrieve().body(JsonNode.class);
        assertThat(orders.at("/summary/owner").asText()).isEqualTo("checkout-team");
        assertThat(orders.at("/contract/apiVersion").asText()).isEqualTo("v3.1.0");
        assertThat(orders.at("/contract/schema/0/properties/0/name").asText()).isEqualTo("order_id");
        assertThat(orders.at("/summary/latestSnapshot/rowCount").asLong()).isBetween(1_700L, 1_900L);
        assertThat(Path.of(orders.at("/dataFile").asText())).startsWith(dataDir).exists();

        var unknown = catalog.get()
                .uri("/api/products/checkout.nothing")
                .exchange((request, response) -> response.getStatusCode());
        assertThat(unknown).isEqualTo(HttpStatusCode.valueOf(404));

        var health = catalog.get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.at("/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/mesh/details/checkout/published/0").asText())
                .startsWith("checkout.orders v1 @ ");
        assertThat(health.at("/components/mesh/details/checkout/quarantined/duplicate")
                        .asLong())
                .isPositive();

        var ingested = catalog.get()
                .uri("/actuator/metrics/mesh.ingest.records?tag=outcome:ingested")
                .retrieve()
                .body(JsonNode.class);
        assertThat(ingested.at("/measurements/0/value").asDouble()).isGreaterThan(1_700);
    }
}
