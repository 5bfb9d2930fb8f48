package dev.meshshop.enabling.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.enabling.labsql.ResultTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Lab 3.1 in the workshop's mesh: the catalog finds what the lab says it finds, with the lab's own request. */
@LabMesh
class CatalogLabTests {

    static final Lab DISCOVER = Lab.read("3-1-discover.md");

    @Autowired
    FilledMesh mesh;

    @Test
    void theSearchOfLab31FindsTheProductsItStates() {
        var rows = new ArrayList<List<String>>();
        for (JsonNode product :
                mesh.api().send(Curl.parse(DISCOVER.block("bash", "discover"))).json()) {
            rows.add(List.of(
                    product.path("id").asText(),
                    product.path("owner").asText(),
                    product.path("kind").asText(),
                    product.path("gates").asText()));
        }
        DISCOVER.assertShows("discover", new ResultTable(List.of("id", "owner", "kind", "gates"), rows));
    }

    @Test
    void theProductFoundHasTheConsumersLab31States() {
        var consumers = new ArrayList<List<String>>();
        mesh.api()
                .send(new Curl(
                        "GET",
                        "/api/products/payment.payments",
                        Map.of(Curl.AUTHORIZATION, Curl.bearer("search")),
                        null))
                .json()
                .path("consumers")
                .forEach(consumer -> consumers.add(List.of(consumer.asText())));
        DISCOVER.assertShows("payments-consumers", new ResultTable(List.of("consumer"), consumers));
    }
}
