package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.identity.MeshIdentities;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A report's and a model's product pages in a real headless Chromium (ADR 27): the report shows in place, from its
 * own sandboxed HTML file, with its PDF beside it; the model shows its card, read from the card file; a domain
 * without a grant sees the files listed, and is told how to get them.
 */
@EmbeddedMeshTest
class ProductFormsBrowserTests {

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
    void theReportsPageShowsTheReportAndTheModelsPageItsCard() throws Exception {
        try (var browser = Browser.open("http://localhost:" + port)) {
            browser.logIn("controlling", identities.password("controlling"));
            browser.go("/product.html?id=controlling.management_report");
            browser.waitForText(By.id("product-id"), "controlling.management_report");
            assertThat(browser.find(By.cssSelector(".badge.form")).getText()).isEqualTo("report");
            assertThat(browser.all(By.cssSelector("#files a.file-link")))
                    .extracting(link -> link.getText())
                    .containsExactly("report.html", "report.pdf");
            browser.enterFrame(By.id("report-frame"));
            assertThat(browser.find(By.cssSelector("#kpi-revenue .kpi-value")).getText())
                    .startsWith("€ ");
            assertThat(browser.find(By.cssSelector("#kpi-on_time_delivery .kpi-value"))
                            .getText())
                    .endsWith(" %");
            assertThat(browser.script("try { return window.parent.document.title; } catch (e) { return 'sandboxed'; }"))
                    .as("the report runs in a sandbox of its own origin")
                    .isEqualTo("sandboxed");
            browser.leaveFrame();

            browser.logIn("fulfillment", identities.password("fulfillment"));
            browser.go("/product.html?id=datascience.delivery_time");
            browser.waitForText(By.id("product-id"), "datascience.delivery_time");
            assertThat(browser.find(By.cssSelector(".badge.form")).getText()).isEqualTo("model");
            browser.waitForText(By.id("model-mae"), "days");
            double mae = Double.parseDouble(
                    browser.find(By.id("model-mae")).getText().replace(" days", ""));
            double baseline = Double.parseDouble(
                    browser.find(By.id("baseline-mae")).getText().replace(" days", ""));
            assertThat(mae).isLessThan(baseline);
            assertThat(browser.all(By.cssSelector("#model-inputs tbody tr")))
                    .extracting(row -> row.getText())
                    .anySatisfy(row -> assertThat(row).contains("shipping_option=express"));

            browser.logIn("search", identities.password("search"));
            browser.go("/product.html?id=datascience.delivery_time");
            browser.waitForText(By.id("product-files"), "delivery_time.onnx");
            browser.waitForText(By.id("product-files"), "access");
            assertThat(browser.script("return document.querySelectorAll('#model-card').length"))
                    .isEqualTo(0L);
            browser.go("/product.html?id=controlling.management_report");
            browser.waitForText(By.id("files-need-access"), "request access below");
            assertThat(browser.script("return document.querySelectorAll('#report-frame').length"))
                    .as("no frame that would only show a refusal")
                    .isEqualTo(0L);
        }
    }

    @Test
    void controllingsTeamUploadsItsTargetsOnThePageARefusalListsItsReasonsAndATakenOneIsListed() throws Exception {
        try (var browser = Browser.open("http://localhost:" + port)) {
            browser.logIn("controlling", identities.password("controlling"));
            browser.go("/uploads.html");
            browser.waitForText(By.cssSelector("#dataset-kpi_targets h2"), "kpi_targets");
            assertThat(browser.all(By.cssSelector("#dataset-kpi_targets table.columns tbody tr")))
                    .extracting(row -> row.getText())
                    .containsExactly(
                            "kpi a code of letters, digits, - . or _",
                            "month a month such as 2025-03",
                            "target a decimal number such as 12.50");

            // a period of the year before the report's, so that the report's targets stay as its tests expect
            fill(browser, "from-kpi_targets", "2024-01");
            fill(browser, "to-kpi_targets", "2024-02");
            fill(browser, "csv-kpi_targets", "kpi,month,target\nrevenue,2024-01,100000\nrevenue,2024-01,90000\n");
            browser.find(By.id("upload-kpi_targets")).click();
            browser.waitForText(By.id("refused-kpi_targets"), "Refused, nothing of it was taken");
            assertThat(browser.all(By.cssSelector("#reasons-kpi_targets li")))
                    .extracting(reason -> reason.getText())
                    .anySatisfy(reason -> assertThat(reason).contains("line 3 repeats kpi=revenue, month=2024-01"))
                    .anySatisfy(reason -> assertThat(reason).contains("has no row for [2024-02]"));

            fill(browser, "csv-kpi_targets", "kpi,month,target\nrevenue,2024-01,100000\nrevenue,2024-02,90000\n");
            fill(browser, "description-kpi_targets", "last year's plan, for the record");
            browser.find(By.id("upload-kpi_targets")).click();
            browser.waitForText(By.id("taken-kpi_targets"), "Taken: 2 rows as kpi_targets-2024-01-01.csv");
            browser.waitForText(By.id("uploads-kpi_targets"), "last year's plan, for the record");
            assertThat(browser.find(By.id("uploads-kpi_targets")).getText())
                    .contains("controlling", "2024-01 to 2024-02");

            browser.logIn("search", identities.password("search"));
            browser.go("/uploads.html");
            browser.waitForText(By.id("no-datasets"), "search keeps no dataset by hand");
        }
    }

    private static void fill(Browser browser, String id, String value) {
        browser.script("document.getElementById(arguments[0]).value = arguments[1]", id, value);
    }
}
