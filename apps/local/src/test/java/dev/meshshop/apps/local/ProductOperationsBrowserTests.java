package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.identity.MeshIdentities;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A product's operations on its page, in a real headless Chromium: search's owner logs in and reads on
 * search.search_sessions' page the cleaning report with its balance, what was quarantined and why, the planted gap
 * in the sessions, the port's availability and the refreshes.
 */
@EmbeddedMeshTest
class ProductOperationsBrowserTests {

    @LocalServerPort
    int port;

    @Autowired
    FillTheMesh fill;

    @Autowired
    MeshIdentities identities;

    @Test
    void theOwnerReadsTheCleaningReportAvailabilityAndRefreshesOnTheProductPage() throws Exception {
        assertThat(fill.awaitDone(Duration.ofMinutes(3))).isEqualTo(FillTheMesh.State.READY);
        try (var browser = Browser.open("http://localhost:" + port)) {
            browser.go("/login");
            browser.find(By.name("username")).sendKeys("search");
            browser.find(By.name("password")).sendKeys(identities.password("search"));
            browser.find(By.cssSelector("form button[type=submit], form input[type=submit]"))
                    .click();

            browser.go("/product.html?id=search.search_sessions");
            Thread.sleep(5000);
            System.out.println(
                    "DEBUG url " + browser.url() + " body " + browser.script("return document.body.innerText"));
            browser.waitForText(By.id("balance"), "raw records =");
            String balance = browser.find(By.id("balance")).getText();
            assertThat(balance).matches("[\\d,]+ raw records = [\\d,]+ clean \\+ [\\d,]+ quarantined");
            assertThat(browser.find(By.id("cleaning-report")).getText()).contains("balanced");
            assertThat(browser.find(By.id("quarantine")).getText()).contains("duplicate");
            assertThat(browser.find(By.id("gaps")).getText()).contains("SessionStarted");
            assertThat(browser.find(By.id("availability")).getText()).containsPattern("\\d+\\.\\d\\d% of the time");
            assertThat(browser.all(By.cssSelector("#runs rect[data-outcome=published]")))
                    .isNotEmpty();
            assertThat(browser.find(By.id("usage")).getText()).isNotBlank();
        }
    }
}
