package dev.meshshop.platform.catalog;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.storage.ContractGate;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.PublishRefusedException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Two fixture products in two domains, published through the real contract gate: shop.sales and
 * report.daily_sales, which reads shop.sales through an input port. The catalog finds them by text (including
 * column names), domain, kind, tag and owner; draws the graph between them; and shows a product's schema, its
 * checks and service levels as measured at publish, and its history, refused snapshots included.
 */
class CatalogSearchAndGraphTests {

    static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");
    static final ClassLoader LOADER = CatalogSearchAndGraphTests.class.getClassLoader();

    @TempDir
    Path dataDir;

    MeshLayout layout;
    MockMvc mvc;

    @BeforeEach
    void publishBoth() {
        layout = new MeshLayout(dataDir);
        publish(
                "shop",
                "mesh/shop/products/sales",
                T0,
                "SELECT DATE '2026-01-01' + i::INTEGER AS day,"
                        + " (i * 1.5)::DECIMAL(10,2) AS amount FROM range(10) t(i)",
                "sales");
        publish(
                "report",
                "mesh/report/products/daily_sales",
                T0,
                "SELECT DATE '2026-01-05' AS week," + " 67.5::DECIMAL(10,2) AS amount",
                "daily_sales");
        var catalog = new Catalog(new MeshDirectory(layout));
        mvc = MockMvcBuilders.standaloneSetup(
                        new ProductController(
                                catalog, FixedCaller.member("shop"), new ObjectMapper().findAndRegisterModules()),
                        new MeshController(catalog))
                .build();
    }

    @Test
    void productsAreFoundByTextDomainKindTagAndOwner() throws Exception {
        mvc.perform(get("/api/products")).andExpect(jsonPath("$[*].id", contains("report.daily_sales", "shop.sales")));
        // a column name only shop.sales has
        mvc.perform(get("/api/products").param("q", "DAY")).andExpect(jsonPath("$[*].id", contains("shop.sales")));
        // words of the description
        mvc.perform(get("/api/products").param("q", "weekly report"))
                .andExpect(jsonPath("$[*].id", contains("report.daily_sales")));
        mvc.perform(get("/api/products").param("domain", "shop"))
                .andExpect(jsonPath("$[*].id", contains("shop.sales")));
        mvc.perform(get("/api/products").param("kind", "consumer-aligned"))
                .andExpect(jsonPath("$[*].id", contains("report.daily_sales")));
        mvc.perform(get("/api/products").param("tag", "Finance"))
                .andExpect(jsonPath("$[*].id", contains("shop.sales")))
                .andExpect(jsonPath("$[0].tags", contains("finance", "daily")));
        mvc.perform(get("/api/products").param("owner", "report-team"))
                .andExpect(jsonPath("$[*].id", contains("report.daily_sales")));
        mvc.perform(get("/api/products").param("q", "sales").param("domain", "report"))
                .andExpect(jsonPath("$[*].id", contains("report.daily_sales")));
        mvc.perform(get("/api/products").param("q", "nothing like this")).andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void theGraphAndTheDomainsShowWhoReadsWhat() throws Exception {
        mvc.perform(get("/api/mesh/graph"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.nodes[*].id", contains("report.daily_sales", "shop.sales")))
                .andExpect(jsonPath("$.nodes[1].kind").value("source-aligned"))
                .andExpect(jsonPath("$.edges", hasSize(1)))
                .andExpect(jsonPath("$.edges[0].from").value("shop.sales"))
                .andExpect(jsonPath("$.edges[0].to").value("report.daily_sales"))
                .andExpect(jsonPath("$.edges[0].major").value(1));
        mvc.perform(get("/api/domains"))
                .andExpect(jsonPath("$[*].name", contains("report", "shop")))
                .andExpect(jsonPath("$[0].owners", contains("report-team")))
                .andExpect(jsonPath("$[0].reads", contains("shop.sales")))
                .andExpect(jsonPath("$[1].products", contains("shop.sales")))
                .andExpect(jsonPath("$[1].reads", hasSize(0)));
    }

    @Test
    void theDetailShowsSchemaChecksServiceLevelsLineageAndHistory() throws Exception {
        // a second snapshot, then one the contract refuses (a negative amount breaks minimum 0)
        publish(
                "shop",
                "mesh/shop/products/sales",
                T0.plusSeconds(3600),
                "SELECT DATE '2026-01-01' + i::INTEGER"
                        + " AS day, (i * 2.0)::DECIMAL(10,2) AS amount FROM range(12) t(i)",
                "sales");
        try {
            publish(
                    "shop",
                    "mesh/shop/products/sales",
                    T0.plusSeconds(7200),
                    "SELECT DATE '2026-01-01' AS day," + " -1.00::DECIMAL(10,2) AS amount",
                    "sales");
        } catch (PublishRefusedException expected) {
            // the last good snapshot stays served
        }

        mvc.perform(get("/api/products/shop.sales"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.schema[0].name").value("sales"))
                .andExpect(jsonPath("$.schema[0].properties[*].name", contains("day", "amount")))
                .andExpect(jsonPath("$.schema[0].properties[1].classification").value("internal"))
                .andExpect(jsonPath("$.schema[0].properties[0].required").value(true))
                .andExpect(jsonPath("$.quality[?(@.check == 'logicalTypeOptions.minimum')].status", contains("PASSED")))
                .andExpect(jsonPath("$.sla[0].property").value("freshness"))
                .andExpect(jsonPath("$.sla[0].element").value("sales.day"))
                .andExpect(jsonPath("$.sla[0].status").value("PASSED"))
                .andExpect(jsonPath("$.inputs", hasSize(0)))
                .andExpect(jsonPath("$.consumers", contains("report.daily_sales")))
                .andExpect(jsonPath("$.versions[0].major").value(1))
                .andExpect(jsonPath("$.versions[0].rowCount").value(12))
                .andExpect(jsonPath("$.history[*].outcome", contains("kept", "served", "refused")))
                .andExpect(jsonPath("$.history[*].rowCount", contains(10, 12, null)))
                .andExpect(jsonPath("$.history[2].checksFailed").value(1))
                .andExpect(jsonPath("$.history[1].checksFailed").value(0))
                .andExpect(jsonPath("$.history[1].freshnessUnit").value("d"));
        mvc.perform(get("/api/products/report.daily_sales"))
                .andExpect(jsonPath("$.inputs", containsInAnyOrder("shop.sales")))
                .andExpect(jsonPath("$.consumers", hasSize(0)));
    }

    private void publish(String domain, String folder, Instant at, String select, String table) {
        var product = DataProduct.fromClasspath(folder, LOADER);
        try (var area = DomainArea.open(layout, domain)) {
            area.withConnection(connection ->
                    connection.createStatement().execute("CREATE OR REPLACE TABLE model." + table + " AS " + select));
            var clock = Clock.fixed(at, ZoneOffset.UTC);
            new OutputPortPublisher(layout, clock, List.of(new ContractGate(clock)), 5).publish(area, product);
        }
    }
}
