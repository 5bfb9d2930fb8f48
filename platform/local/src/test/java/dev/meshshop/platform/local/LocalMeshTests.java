package dev.meshshop.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * README command 1, as a test: the embedded mesh starts in one JVM (KRaft broker, checkout on Flink
 * in-process, the catalog), fills itself, and the catalog lists checkout.orders with its contract.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Inlined, because the broker and the data directory are set up before the context exists. Port 0: the
        // embedded broker takes a free port, so the test never collides with a Kafka on 9092.
        properties = {
            "mesh.local.scale=0.002",
            "mesh.refresh-interval=0s",
            "mesh.local.kafka-port=0",
            "mesh.data-dir=target/local-mesh-test"
        })
class LocalMeshTests {

    static final Path DATA_DIR = Path.of("target/local-mesh-test").toAbsolutePath();

    @LocalServerPort
    int port;

    @Autowired
    FillTheMesh fill;

    @Test
    void theCatalogListsCheckoutOrdersWithItsContractOnceTheMeshIsFilled() {
        var catalog = RestClient.create("http://localhost:" + port);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> fill.state() == FillTheMesh.State.READY || fill.state() == FillTheMesh.State.FAILED);
        assertThat(fill.state()).isEqualTo(FillTheMesh.State.READY);

        var products = catalog.get().uri("/api/products").retrieve().body(JsonNode.class);
        assertThat(products).isNotNull();
        assertThat(products.findValuesAsText("id")).contains("checkout.orders");
        assertThat(products.findValuesAsText("gates")).containsOnly("passed");

        var orders =
                catalog.get().uri("/api/products/checkout.orders").retrieve().body(JsonNode.class);
        assertThat(orders.at("/summary/owner").asText()).isEqualTo("checkout-team");
        assertThat(orders.at("/contract/apiVersion").asText()).isEqualTo("v3.1.0");
        assertThat(orders.at("/contract/schema/0/properties/0/name").asText()).isEqualTo("order_id");
        assertThat(orders.at("/summary/latestSnapshot/rowCount").asLong()).isBetween(1_700L, 1_900L);
        assertThat(Path.of(orders.at("/dataFile").asText()))
                .startsWith(DATA_DIR)
                .exists();

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
