package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * A product's operations as its catalog page shows them, over the filled embedded mesh: search's cleaning report
 * balances and names what it quarantined and the planted gap in its sessions, every refresh is recorded, the port
 * was available within its freshness, and the reads of the product show up by day, by consumer for its owners only.
 */
@EmbeddedMeshTest
class ProductOperationsTests {

    @LocalServerPort
    int port;

    @Autowired
    FillTheMesh fill;

    @Autowired
    MeshIdentities identities;

    Tokens tokens;

    @BeforeEach
    void filled() throws InterruptedException {
        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);
        tokens = new Tokens(port, identities);
    }

    @Test
    void searchSessionsShowsItsCleaningReportRefreshesAvailabilityAndUsage() {
        query("search", "SELECT count(*) FROM search.search_sessions");
        query("payment", "SELECT count(*) FROM search.search_sessions");

        var ops = operations("search.search_sessions", "search");

        var cleaning = ops.path("cleaning");
        assertThat(cleaning.path("balanced").asBoolean()).isTrue();
        assertThat(cleaning.path("input").asLong())
                .isPositive()
                .isEqualTo(cleaning.path("clean").asLong()
                        + cleaning.path("quarantined").asLong());
        assertThat(cleaning.path("quarantinedByRule").size()).isPositive();
        assertThat(cleaning.path("gaps").findValuesAsText("eventType")).isNotEmpty();
        assertThat(ops.path("runs").findValuesAsText("outcome")).contains("published");
        assertThat(ops.path("runs").findValuesAsText("snapshot")).isNotEmpty();
        double share = ops.at("/availability/share").asDouble(-1);
        assertThat(share).isBetween(0.0, 1.0);
        assertThat(ops.at("/availability/freshness").asText()).isEqualTo("1 d");
        assertThat(ops.at("/usage/reads").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(ops.at("/usage/byConsumer").findValuesAsText("consumer")).contains("search", "payment");
        assertThat(ops.at("/usage/byDay").size()).isPositive();
    }

    @Test
    void anotherDomainSeesTheCountsButNotWhoReadIt() {
        query("search", "SELECT count(*) FROM search.search_sessions");

        var ops = operations("search.search_sessions", "checkout");

        assertThat(ops.path("detailsShown").asBoolean()).isFalse();
        assertThat(ops.at("/usage/reads").asLong()).isPositive();
        assertThat(ops.at("/usage/byConsumer").isTextual()).isTrue();
        assertThat(ops.path("cleaning").path("balanced").asBoolean()).isTrue();
    }

    @Test
    void aProductOfADomainWithoutEventsHasNoCleaningReportButItsRefreshes() {
        var ops = operations("customer360.customer_360", "customer360");

        assertThat(ops.path("cleaning").isNull()).isTrue();
        assertThat(ops.path("runs").findValuesAsText("outcome")).contains("published");
    }

    private JsonNode operations(String product, String as) {
        return RestClient.create("http://localhost:" + port)
                .get()
                .uri("/api/products/" + product + "/operations")
                .header("Authorization", tokens.bearer(as))
                .retrieve()
                .body(JsonNode.class);
    }

    private void query(String as, String sql) {
        RestClient.create("http://localhost:" + port)
                .post()
                .uri("/api/query")
                .header("Authorization", tokens.bearer(as))
                .body(Map.of("sql", sql))
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {})
                .toBodilessEntity();
    }
}
