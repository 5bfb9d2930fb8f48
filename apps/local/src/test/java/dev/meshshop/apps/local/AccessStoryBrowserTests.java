package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The story of a new consumer, walked in a real headless Chromium against the real server: log in as a member of
 * fulfillment's team, open the catalog, find checkout.orders by search, read its contract, request access, log in
 * as checkout's member to approve, and back as fulfillment run a query that returns rows. Only checkout runs in this mesh, so no standing agreement grants
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

    @Autowired
    MeshIdentities identities;

    @Test
    void fulfillmentFindsCheckoutOrdersAsksForAccessGetsItFromCheckoutAndQueriesIt() throws Exception {
        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);
        String base = "http://localhost:" + port;
        long published = RestClient.create(base)
                .get()
                .uri("/api/products/checkout.orders")
                .header("Authorization", new Tokens(port, identities).bearer(MeshIdentities.PLATFORM))
                .retrieve()
                .body(JsonNode.class)
                .at("/summary/latestSnapshot/rowCount")
                .asLong();

        try (var browser = Browser.open(base)) {
            // without a session, the catalog sends to the login form; a wrong password is refused there
            browser.go("/");
            assertThat(browser.url()).endsWith("/login");
            browser.find(By.name("username")).sendKeys("fulfillment");
            browser.find(By.name("password")).sendKeys("not the password");
            browser.find(By.cssSelector("form button[type=submit]")).click();
            assertThat(browser.find(By.id("login-error")).getText()).contains("Wrong user name or password");

            // log in as a member of fulfillment's team, open the catalog and find checkout.orders by search
            browser.logIn("fulfillment", identities.password("fulfillment"));
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
            browser.logIn("fulfillment", identities.password("fulfillment"));
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

            // fulfillment cannot decide on it: only the owner can
            assertThat(browser.script(
                            "return document.querySelectorAll(\"#access [data-action='approve:fulfillment']\").length"))
                    .isEqualTo(0L);

            // approve as checkout, the owner: log out, log in as a member of checkout's team
            browser.logOut();
            browser.logIn("checkout", identities.password("checkout"));
            assertThat(browser.find(By.id("who")).getText()).contains("checkout");
            browser.go("/product.html?id=checkout.orders");
            browser.waitForText(By.cssSelector("#access tr[data-consumer=fulfillment]"), "Approve");
            browser.find(By.cssSelector("#access [data-action='approve:fulfillment']"))
                    .click();
            browser.waitForText(By.cssSelector("#access tr[data-consumer=fulfillment]"), "approved");
            assertThat(browser.find(By.cssSelector("#access tr[data-consumer=fulfillment]"))
                            .getText())
                    .contains("pending by fulfillment", "approved by checkout");

            // run a query as fulfillment and see rows
            browser.logOut();
            browser.logIn("fulfillment", identities.password("fulfillment"));
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
