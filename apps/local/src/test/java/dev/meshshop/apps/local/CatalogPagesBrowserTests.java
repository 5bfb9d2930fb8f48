package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.governance.Policies;
import dev.meshshop.governance.Policy;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The catalog's pages in a real headless Chromium against the embedded mesh: the home page draws the mesh with
 * an arrow for every input port, the search finds products, and a product page renders its contract readably and
 * the governance policies' status.
 */
@EmbeddedMeshTest
class CatalogPagesBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    FillTheMesh fill;

    @Autowired
    MeshIdentities identities;

    @BeforeEach
    void meshIsFilled() throws InterruptedException {
        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);
    }

    @Test
    void theHomePageDrawsTheMeshAndTheSearchFindsProducts() throws Exception {
        try (var browser = Browser.open("http://localhost:" + port)) {
            browser.logIn("checkout", identities.password("checkout"));
            browser.go("/");
            // every product is a box, the shop's and any a participant generated into the launcher
            int products = RestClient.create("http://localhost:" + port)
                    .get()
                    .uri("/api/products")
                    .header("Authorization", new Tokens(port, identities).bearer("checkout"))
                    .retrieve()
                    .body(JsonNode.class)
                    .size();
            assertThat(browser.all(By.cssSelector("svg.mesh [data-node]")))
                    .extracting(node -> node.getAttribute("data-node"))
                    .hasSize(products)
                    .containsAll(LocalMeshTests.SHOP_PRODUCTS);
            // every input port an arrow
            assertThat(browser.all(By.cssSelector("svg.mesh [data-edge]")))
                    .extracting(edge -> edge.getAttribute("data-edge"))
                    .contains(
                            "checkout.orders->payment.payments",
                            "checkout.orders->fulfillment.shipments",
                            "search.search_sessions->customer360.customer_360");
            // and a card for every product
            assertThat(browser.all(By.cssSelector("article.product")))
                    .extracting(card -> card.getAttribute("data-product"))
                    .hasSize(products)
                    .containsAll(LocalMeshTests.SHOP_PRODUCTS);

            var search = browser.find(By.id("q"));
            search.sendKeys("inventory", Keys.ENTER);
            browser.waitForText(By.id("results"), "fulfillment.inventory_latest");
            assertThat(browser.all(By.cssSelector("article.product")))
                    .extracting(card -> card.getAttribute("data-product"))
                    .containsExactlyInAnyOrder("fulfillment.inventory_history", "fulfillment.inventory_latest");
            assertThat(browser.url()).endsWith("?q=inventory");
        }
    }

    /**
     * The picture draws an edge from the right side of its producer's box to its consumer's, and never behind a
     * product or a domain it does not connect: an edge that passed behind fulfillment would seem to leave
     * fulfillment.inventory_history.
     */
    @Test
    void everyEdgeOfTheMeshPictureLeavesItsOwnProductAndPassesBehindNoOther() throws Exception {
        try (var browser = Browser.open("http://localhost:" + port)) {
            browser.logIn("checkout", identities.password("checkout"));
            browser.go("/");
            assertThat(browser.all(By.cssSelector("svg.mesh [data-edge]"))).hasSizeGreaterThanOrEqualTo(8);

            Object problems = browser.script(
                    """
                    const picture = document.querySelector("svg.mesh");
                    const box = (rect) => ({
                      x: +rect.getAttribute("x"), y: +rect.getAttribute("y"),
                      width: +rect.getAttribute("width"), height: +rect.getAttribute("height"),
                    });
                    const products = new Map([...picture.querySelectorAll("[data-node]")]
                      .map((node) => [node.dataset.node, box(node.querySelector("rect"))]));
                    const domains = new Map([...picture.querySelectorAll("rect[data-domain]")]
                      .map((rect) => [rect.dataset.domain, box(rect)]));
                    const inside = (point, b) => point.x > b.x + 1 && point.x < b.x + b.width - 1
                      && point.y > b.y + 1 && point.y < b.y + b.height - 1;
                    const onSide = (point, b) => Math.abs(point.y - (b.y + b.height / 2)) < 1
                      && (Math.abs(point.x - b.x) < 1 || Math.abs(point.x - (b.x + b.width)) < 1);
                    const problems = [];
                    for (const path of picture.querySelectorAll("[data-edge]")) {
                      const edge = path.dataset.edge;
                      const [from, to] = edge.split("->");
                      const length = path.getTotalLength();
                      const start = path.getPointAtLength(0), end = path.getPointAtLength(length);
                      const source = products.get(from), target = products.get(to);
                      if (Math.abs(start.x - (source.x + source.width)) >= 1 || !onSide(start, source)) {
                        problems.push(`${edge} starts at ${start.x},${start.y}, not on the right side of ${from}`);
                      }
                      if (!onSide(end, target)) problems.push(`${edge} ends at ${end.x},${end.y}, not at ${to}`);
                      const ends = [from.split(".")[0], to.split(".")[0]];
                      const passed = new Set();
                      for (let at = 0; at <= length; at += 1) {
                        const point = path.getPointAtLength(at);
                        for (const [id, b] of products) {
                          if (id !== from && id !== to && inside(point, b)) passed.add(id);
                        }
                        for (const [domain, b] of domains) {
                          if (!ends.includes(domain) && inside(point, b)) passed.add("domain " + domain);
                        }
                      }
                      if (passed.size) problems.push(`${edge} passes behind ${[...passed].join(", ")}`);
                    }
                    return problems;
                    """);

            assertThat(problems).asList().isEmpty();
        }
    }

    @Test
    void aProductPageRendersItsContractReadably() throws Exception {
        try (var browser = Browser.open("http://localhost:" + port)) {
            browser.logIn("checkout", identities.password("checkout"));
            browser.go("/product.html?id=checkout.orders");
            assertThat(browser.find(By.id("product-id")).getText()).isEqualTo("checkout.orders");
            assertThat(browser.find(By.cssSelector("#schema tr[data-column=order_id]"))
                            .getText())
                    .contains("order_id", "string");
            // the contract classifies who ordered, and the page shows it
            assertThat(browser.find(By.cssSelector("#schema tr[data-column=customer_id]"))
                            .getText())
                    .contains("internal");
            assertThat(browser.find(By.cssSelector("#quality [data-check='invalidValues:orders.status']"))
                            .getText())
                    .contains("passed");
            assertThat(browser.find(By.cssSelector("#sla [data-sla=freshness]")).getText())
                    .contains("1 d", "passed", "2026-01-01T00:00:00Z");
            assertThat(browser.all(By.cssSelector("#charts svg circle"))).isNotEmpty();
            assertThat(browser.find(By.id("lineage")).getText()).contains("payment.payments", "fulfillment.shipments");
            assertThat(browser.find(By.cssSelector("#versions tbody")).getText())
                    .startsWith("v1");
            // every policy of the guild, as judged when the served snapshot was published
            assertThat(browser.all(By.cssSelector("#governance tr[data-policy]")))
                    .extracting(row -> row.getAttribute("data-policy"))
                    .containsExactlyInAnyOrderElementsOf(
                            Policies.standard().all().stream().map(Policy::id).toList());
            assertThat(browser.find(By.cssSelector("#governance tr[data-policy='read-through-granted-input-ports']"))
                            .getText())
                    .contains("passed");
        }
    }
}
