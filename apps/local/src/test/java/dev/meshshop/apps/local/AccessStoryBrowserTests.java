package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The story of a new consumer, walked in a real headless Chromium against the real server: open the catalog,
 * find checkout.orders by search, read its contract, request access as fulfillment, approve as checkout, and run
 * a query as fulfillment that returns rows. Only checkout runs in this mesh, so no standing agreement grants
 * fulfillment anything beforehand: until checkout approves, fulfillment reads nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mesh.domains=checkout",
            "mesh.local.scale=0.01",
            "mesh.local.seed=42",
            "mesh.refresh-interval=0s",
            "mesh.local.kafka-port=0",
            "mesh.local.fresh=true",
            "mesh.data-dir=target/access-story-test"
        })
class AccessStoryBrowserTests {

    static final String COUNT_ORDERS = "SELECT count(*) AS orders FROM checkout.orders";

    @LocalServerPort
    int port;

    @Autowired
    FillTheMesh fill;

    @Test
    void fulfillmentFindsCheckoutOrdersAsksForAccessGetsItFromCheckoutAndQueriesIt() throws Exception {
        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);
        String base = "http://localhost:" + port;
        long published = RestClient.create(base)
                .get()
                .uri("/api/products/checkout.orders")
                .retrieve()
                .body(JsonNode.class)
                .at("/summary/latestSnapshot/rowCount")
                .asLong();

        try (var browser = Browser.open(base)) {
            // open the catalog and find checkout.orders by search
            browser.go("/");
            browser.find(By.id("q")).sendKeys("orders", Keys.ENTER);
            browser.waitForText(By.id("results"), "checkout.orders");
            browser.find(By.cssSelector("article[data-product='checkout.orders'] a.id"))
                    .click();

            // read its contract
            browser.waitForText(By.id("product-id"), "checkout.orders");
            assertThat(browser.find(By.id("purpose")).getText()).contains("Purpose:");
            assertThat(browser.find(By.cssSelector("#schema tr[data-column=order_id]"))
                            .getText())
                    .contains("string");
            assertThat(browser.find(By.cssSelector("#sla [data-sla=freshness]")).getText())
                    .contains("passed");

            // as fulfillment, without a grant, a query is refused and says how to get access
            browser.actAs("fulfillment");
            browser.go("/query.html");
            runQuery(browser);
            assertThat(browser.find(By.cssSelector("#result .error")).getText())
                    .contains("checkout.orders")
                    .containsIgnoringCase("access");

            // request access as fulfillment, from the product page
            browser.go("/product.html?id=checkout.orders");
            browser.find(By.id("purpose-text")).sendKeys("Ship what was bought: dispatch and track every order.");
            browser.find(By.id("submit-request")).click();
            browser.waitForText(By.cssSelector("#access tr[data-consumer=fulfillment]"), "pending");

            // approve as checkout, the owner, through the identity chooser at the top of the page
            browser.find(By.id("identity")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "checkout", Keys.TAB);
            browser.waitForText(By.cssSelector("#access tr[data-consumer=fulfillment]"), "Approve");
            browser.find(By.cssSelector("#access [data-action='approve:fulfillment']"))
                    .click();
            browser.waitForText(By.cssSelector("#access tr[data-consumer=fulfillment]"), "approved");
            assertThat(browser.find(By.cssSelector("#access tr[data-consumer=fulfillment]"))
                            .getText())
                    .contains("pending by fulfillment", "approved by checkout");

            // run a query as fulfillment and see rows
            browser.actAs("fulfillment");
            browser.go("/query.html");
            runQuery(browser);
            browser.waitForText(By.id("result-summary"), "1 row(s)");
            assertThat(browser.find(By.cssSelector("#rows tbody td")).getText()).isEqualTo(String.valueOf(published));
        }
    }

    private static void runQuery(Browser browser) {
        var sql = browser.find(By.id("sql"));
        sql.clear();
        sql.sendKeys(COUNT_ORDERS);
        browser.find(By.id("run")).click();
        browser.find(By.cssSelector("#result :is(.error, #result-summary)"));
    }
}
