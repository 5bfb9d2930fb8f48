package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.simulation.LiveTrading;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.MeshClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The launcher in live mode ({@code --mesh.local.live-rate}): after the simulated year the company trades on, the
 * products grow, and the mesh's clock, which freshness is measured against, runs on from the end of the year.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mesh.local.scale=" + LiveMeshTests.SCALE,
            "mesh.local.seed=" + LiveMeshTests.SEED,
            "mesh.local.live-rate=200",
            "mesh.refresh-interval=1s",
            "mesh.local.kafka-port=0",
            // a directory a live run filled is a restart next time, and a restarted mesh does not trade live
            "mesh.local.fresh=true",
            "mesh.data-dir=target/local-live-test"
        })
class LiveMeshTests {

    static final double SCALE = 0.002;
    static final long SEED = 7;

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    @Autowired
    FillTheMesh fill;

    @Autowired
    MeshClock clock;

    @Autowired
    LiveTrading live;

    @Test
    void theCompanyTradesOnAfterItsYearSoItsProductsGrowAndFreshnessIsMeasuredInTheMeshsTime()
            throws InterruptedException {
        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);
        var year = SimulatedShop.year(SEED, SCALE);
        long yearOrders = year.orders().size();
        long yearShipments = year.orders().stream()
                .filter(order -> order.shipment().isPresent())
                .count();
        var catalog = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", new Tokens(port, identities).bearer(MeshIdentities.PLATFORM))
                .build();

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var orders = catalog.get()
                            .uri("/api/products/checkout.orders")
                            .retrieve()
                            .body(JsonNode.class);
                    assertThat(orders.at("/summary/latestSnapshot/rowCount").asLong())
                            .isGreaterThan(yearOrders);
                    // the parcels of live orders go out within seconds of mesh time, so fulfillment grows too
                    var shipments = catalog.get()
                            .uri("/api/products/fulfillment.shipments")
                            .retrieve()
                            .body(JsonNode.class);
                    assertThat(shipments.at("/summary/latestSnapshot/rowCount").asLong())
                            .isGreaterThan(yearShipments);
                    var freshness = freshness(orders);
                    assertThat(freshness.path("status").asText()).isEqualToIgnoringCase("passed");
                    assertThat(Instant.parse(freshness.path("measuredAt").asText()))
                            .isAfter(ShopCalendar.YEAR_END);
                });

        assertThat(clock.instant()).isAfter(ShopCalendar.YEAR_END);
        var stats = live.stats();
        assertThat(stats.failed()).isZero();
        assertThat(stats.sent()).containsOnlyKeys("checkout", "fulfillment", "payment", "search");
        assertThat(stats.sent().values()).allSatisfy(sent -> assertThat(sent).isPositive());
        var health = catalog.get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(health.at("/status").asText()).isEqualTo("UP");
    }

    private static JsonNode freshness(JsonNode product) {
        for (JsonNode level : product.path("sla")) {
            if (level.path("property").asText().equals("freshness")) {
                return level;
            }
        }
        throw new AssertionError("checkout.orders promises no freshness: " + product.path("sla"));
    }
}
