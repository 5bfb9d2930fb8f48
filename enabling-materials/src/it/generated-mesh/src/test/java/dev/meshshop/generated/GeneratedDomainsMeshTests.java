package dev.meshshop.generated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.identity.IssuerClient;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.simulation.SimulatedFill;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.web.client.RestClient;

/**
 * The two generated domains in one embedded mesh, filled as the launcher fills it: {{producer}} publishes its
 * product, {{consumer}} reads it through its input port and publishes its own, both pass the publish gates, and the
 * catalog shows them with the input port between them.
 */
@SpringBootTest(
        classes = GeneratedDomainsMeshTests.Mesh.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.refresh-interval=0s",
            "mesh.as-of=2026-01-01T00:00:00Z",
            // kept after the build, for TemplateTests to check the workshop's level 4 against what was published
            "mesh.data-dir=target/mesh-data"
        })
@EmbeddedKafka(kraft = true)
class GeneratedDomainsMeshTests {

    /** The workshop's mesh: the same company as the labs see. */
    static final long SEED = 42;

    static final double SCALE = 0.01;

    @LocalServerPort
    int port;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Mesh {}

    @Test
    void theConsumerReadsTheProducersProductAndTheCatalogShowsBoth(
            @Autowired MeshRuntime mesh,
            @Autowired Simulations simulations,
            @Autowired KafkaAdmin kafka,
            @Autowired MeshLayout layout,
            @Autowired MeshIdentities identities)
            throws SQLException {
        var fill = new SimulatedFill(mesh, simulations, kafka.getConfigurationProperties())
                .run(SEED, SCALE, new SimulatedFill.Progress() {});

        assertThat(fill.failures()).as("domains the fill could not publish").isEmpty();
        // the producer refreshes first, so the consumer's input port reads what it just published
        assertThat(fill.refreshes().keySet()).containsExactly("{{producer}}", "{{consumer}}");
        var directory = new MeshDirectory(layout);
        var produced = directory.latest(ProductId.parse("{{producer}}.activities")).orElseThrow();
        var consumed = directory.latest(ProductId.parse("{{consumer}}.activities")).orElseThrow();
        for (var published : List.of(produced, consumed)) {
            assertThat(published.audits())
                    .extracting(audit -> audit.gate() + " blocks=" + audit.blocks())
                    .containsExactlyInAnyOrder("contract blocks=false", "governance blocks=false");
        }
        long orders = SimulatedShop.year(SEED, SCALE).orders().size();
        assertThat(produced.snapshot().rowCount()).isEqualTo(orders);
        assertThat(consumed.snapshot().rowCount()).isEqualTo(orders);
        // both simulated systems saw every order of the year, so every activity finds its order in the producer's
        assertThat(queryLong("SELECT count(*) FILTER (WHERE in_{{producer}}_activities) FROM read_parquet('"
                        + consumed.dataFile() + "')"))
                .isEqualTo(orders);

        // the catalog as the platform's client, with a token of the mesh's issuer
        String base = "http://localhost:" + port;
        String token = new IssuerClient(URI.create(base))
                .token(MeshIdentities.PLATFORM, identities.clientSecret(MeshIdentities.PLATFORM));
        var catalog = RestClient.builder()
                .baseUrl(base)
                .defaultHeader("Authorization", "Bearer " + token)
                .build();
        var product =
                catalog.get().uri("/api/products/{{producer}}.activities").retrieve().body(JsonNode.class);
        assertThat(product.at("/summary/gates").asText()).isEqualTo("passed");
        assertThat(product.at("/consumers").toString()).isEqualTo("[\"{{consumer}}.activities\"]");
        var graph = catalog.get().uri("/api/mesh/graph").retrieve().body(JsonNode.class);
        assertThat(graph.at("/edges").toString())
                .isEqualTo("[{\"from\":\"{{producer}}.activities\",\"to\":\"{{consumer}}.activities\",\"major\":1}]");
    }

    private static long queryLong(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
