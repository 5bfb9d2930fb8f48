package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.enabling.labsql.ResultTable;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * Level 3 in the workshop's mesh: the catalog finds what lab 3.1 says it finds, with the same request, and the
 * access labs start from where they say they do.
 */
@LabMesh
class CatalogLabTests {

    static final Lab DISCOVER = Lab.read("3-1-discover.md");
    static final Pattern CATALOG_PATH = Pattern.compile("localhost:8080(/[^'\\s]+)");

    @LocalServerPort
    int port;

    @Autowired
    FilledMesh mesh;

    @Test
    void theSearchOfLab31FindsTheProductsItStates() {
        var path = CATALOG_PATH.matcher(DISCOVER.block("bash", "discover"));
        assertThat(path.find()).as("the lab's curl names a path of the catalog").isTrue();

        var rows = new ArrayList<List<String>>();
        for (JsonNode product : get(path.group(1))) {
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
        get("/api/products/payment.payments")
                .path("consumers")
                .forEach(consumer -> consumers.add(List.of(consumer.asText())));
        DISCOVER.assertShows("payments-consumers", new ResultTable(List.of("consumer"), consumers));
    }

    @Test
    void fulfillmentMustRequestPaymentsWhileSearchReadsOrdersByAStandingAgreement() {
        // lab 3.2: fulfillment declares no input port on payment.payments, so no standing agreement grants it
        assertThat(inputPorts("fulfillment")).doesNotContain("payment.payments").contains("checkout.orders");
        // extra 3: search reads checkout.orders through an input port, so it may query both products it needs
        assertThat(inputPorts("search")).contains("checkout.orders");
    }

    private List<String> inputPorts(String domain) {
        return mesh.directory().ports().stream()
                .filter(port -> port.product().domain().equals(domain))
                .map(PublishedPort::descriptor)
                .flatMap(descriptor -> descriptor.inputPorts().stream())
                .map(ProductDescriptor.InputPort::product)
                .map(product -> ProductId.parse(product).toString())
                .toList();
    }

    private JsonNode get(String path) {
        mesh.awaitFilled();
        return RestClient.create("http://localhost:" + port)
                .get()
                .uri(path)
                .retrieve()
                .body(JsonNode.class);
    }
}
