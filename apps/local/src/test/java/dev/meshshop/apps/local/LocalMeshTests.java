package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.MeshRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * README command 1, as a test: the embedded mesh starts in one JVM (KRaft broker, all five domains on Flink
 * in-process, the catalog), fills itself, and the catalog lists every product, each with its contract. It holds
 * too once a participant has generated a domain of their own into the launcher.
 */
@EmbeddedMeshTest
class LocalMeshTests {

    static final Path DATA_DIR = Path.of(EmbeddedMeshTest.DATA_DIR).toAbsolutePath();

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    /** The products of the shop's five domains. */
    static final List<String> SHOP_PRODUCTS = List.of(
            "checkout.order_items",
            "checkout.orders",
            "customer360.customer_360",
            "fulfillment.inventory_history",
            "fulfillment.inventory_latest",
            "fulfillment.returns",
            "fulfillment.shipments",
            "payment.payments",
            "search.search_queries",
            "search.search_sessions");

    @Autowired
    FillTheMesh fill;

    @Autowired
    MeshRuntime mesh;

    @Test
    void theCatalogListsCheckoutOrdersWithItsContractOnceTheMeshIsFilled() throws InterruptedException {
        var catalog = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", new Tokens(port, identities).bearer(MeshIdentities.PLATFORM))
                .build();

        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);

        var products = catalog.get().uri("/api/products").retrieve().body(JsonNode.class);
        assertThat(products).isNotNull();
        var gates = new TreeMap<String, String>();
        products.forEach(product ->
                gates.put(product.path("id").asText(), product.path("gates").asText()));
        // every product the launcher's domains declare, and only those: a domain generated into the launcher
        // (the workshop's level 4) adds its own
        assertThat(gates.keySet())
                .containsExactlyInAnyOrderElementsOf(mesh.domains().stream()
                        .flatMap(domain -> domain.products().stream())
                        .map(product -> product.id().toString())
                        .toList());
        // among them the shop's, each published through its gates
        assertThat(gates)
                .containsAllEntriesOf(SHOP_PRODUCTS.stream().collect(Collectors.toMap(id -> id, id -> "passed")));

        var orders =
                catalog.get().uri("/api/products/checkout.orders").retrieve().body(JsonNode.class);
        assertThat(orders.at("/summary/owner").asText()).isEqualTo("checkout-team");
        assertThat(orders.at("/contract/apiVersion").asText()).isEqualTo("v3.1.0");
        assertThat(orders.at("/contract/schema/0/properties/0/name").asText()).isEqualTo("order_id");
        long simulatedOrders = SimulatedShop.year(EmbeddedMeshTest.SEED, EmbeddedMeshTest.SCALE)
                .orders()
                .size();
        // all of the simulated orders but the few quarantined for an invalid total
        assertThat(orders.at("/summary/latestSnapshot/rowCount").asLong())
                .isBetween(simulatedOrders - simulatedOrders / 100, simulatedOrders);
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
        assertThat(ingested.at("/measurements/0/value").asDouble()).isGreaterThan(simulatedOrders);
    }

    @Test
    void theApiIsDocumentedWithOpenApiAndTheCatalogServesItsPages() {
        var catalog = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", new Tokens(port, identities).bearer(MeshIdentities.PLATFORM))
                .build();
        var spec = catalog.get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(spec.at("/openapi").asText()).startsWith("3.");
        assertThat(spec.at("/paths").fieldNames())
                .toIterable()
                .contains("/api/products", "/api/products/{id}", "/api/domains", "/api/mesh/graph");
        assertThat(spec.at("/paths/~1api~1products/get/parameters").findValuesAsText("name"))
                .containsExactlyInAnyOrder("q", "domain", "kind", "tag", "owner");
        assertThat(catalog.get().uri("/swagger-ui/index.html").retrieve().body(String.class))
                .contains("swagger-ui");
        assertThat(catalog.get().uri("/").retrieve().body(String.class)).contains("/js/home.js");
    }
}
