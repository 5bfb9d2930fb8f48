package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.PublishGate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * {@code /actuator/prometheus} serves the mesh's operations once it is filled: ingest (records stored, quarantined by
 * reason, lag), cleaning (runs, records in, clean and quarantined, duration), publishing (snapshots, refusals by gate)
 * and queries (count by outcome, duration).
 */
@EmbeddedMeshTest
class PrometheusMetricsTests {

    /** A sample line: the metric's name, its labels if any, and its value. */
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @LocalServerPort
    int port;

    @Autowired
    FillTheMesh fill;

    @Autowired
    MeshRuntime mesh;

    @Autowired
    MeshIdentities identities;

    @Autowired
    OutputPortPublisher publisher;

    @Test
    void prometheusServesIngestCleaningPublishingAndQueryMetrics() throws InterruptedException {
        var tokens = new Tokens(port, identities);
        var client = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", tokens.bearer(MeshIdentities.PLATFORM))
                .build();
        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);
        // a query answered and one refused: payment was not granted fulfillment's returns
        query(client, tokens.bearer("checkout"), "SELECT count(*) FROM checkout.orders");
        query(client, tokens.bearer("payment"), "SELECT count(*) FROM fulfillment.returns");
        // a refresh of customer360 that a gate refuses, then one that publishes, so that the product serves as before
        var customer360 = mesh.domain("customer360");
        publisher.refuse(
                customer360.area(),
                customer360.products().get(0),
                new PublishGate.Audit("operator", true, "held back for a test of the metrics", "{}"));
        customer360.refresh();

        String scraped = client.get().uri("/actuator/prometheus").retrieve().body(String.class);
        var sums = sums(scraped);

        assertThat(sums)
                .as(scraped)
                .containsKeys("mesh_ingest_lag")
                .hasEntrySatisfying("mesh_ingest_records_total{outcome=\"ingested\"}", this::positive)
                .hasEntrySatisfying("mesh_ingest_quarantined_total", this::positive)
                .hasEntrySatisfying("mesh_cleaning_runs_total", this::positive)
                .hasEntrySatisfying("mesh_cleaning_records_total{stage=\"input\"}", this::positive)
                .hasEntrySatisfying("mesh_cleaning_records_total{stage=\"clean\"}", this::positive)
                .hasEntrySatisfying("mesh_cleaning_records_total{stage=\"quarantined\"}", this::positive)
                .hasEntrySatisfying("mesh_cleaning_duration_seconds_count", this::positive)
                .hasEntrySatisfying("mesh_cleaning_duration_seconds_sum", this::positive)
                .hasEntrySatisfying("mesh_publish_snapshots_total", this::positive)
                .hasEntrySatisfying("mesh_publish_refusals_total{gate=\"operator\"}", this::positive)
                .hasEntrySatisfying("mesh_queries_total{outcome=\"ok\"}", this::positive)
                .hasEntrySatisfying("mesh_queries_total{outcome=\"refused\"}", this::positive)
                .hasEntrySatisfying("mesh_query_duration_seconds_count", this::positive);
        assertThat(scraped)
                .containsPattern("mesh_ingest_quarantined_total\\{[^}]*reason=\"[a-z-]+\"")
                .containsPattern("mesh_publish_snapshots_total\\{[^}]*product=\"checkout.orders\"");
    }

    private void positive(double value) {
        assertThat(value).isPositive();
    }

    private static void query(RestClient client, String bearer, String sql) {
        client.post()
                .uri("/api/query")
                .header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("sql", sql))
                .exchange((request, response) -> response.getStatusCode());
    }

    /**
     * Each metric's samples summed: under its name, and under its name with each one of its labels, such as
     * {@code mesh_queries_total{outcome="ok"}}.
     */
    static Map<String, Double> sums(String scraped) {
        var sums = new HashMap<String, Double>();
        for (String line : scraped.lines().toList()) {
            var sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            double value = Double.parseDouble(sample.group(3));
            if (Double.isNaN(value)) {
                value = 0;
            }
            sums.merge(sample.group(1), value, Double::sum);
            if (sample.group(2) != null) {
                String labels = sample.group(2).substring(1, sample.group(2).length() - 1);
                for (String label : labels.split(",(?=[a-zA-Z_]+=\")")) {
                    if (!label.isBlank()) {
                        sums.merge(sample.group(1) + "{" + label + "}", value, Double::sum);
                    }
                }
            }
        }
        return sums;
    }
}
