package dev.meshshop.platform.reports;

import static dev.meshshop.platform.reports.ManagementReports.monthly;
import static dev.meshshop.platform.reports.ManagementReports.withKpi;
import static dev.meshshop.platform.reports.ManagementReports.year2025;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page stands on its own, escapes what the report says, and lets a reader find each KPI's figure. */
class HtmlReportTests {

    @Test
    void showsEachKpisLatestValueInItsSection() {
        var html = HtmlReport.render(year2025());

        assertThat(Map.of(
                        "revenue", latestValue(html, "revenue"),
                        "conversion_rate", latestValue(html, "conversion_rate"),
                        "orders", latestValue(html, "orders"),
                        "days_to_deliver", latestValue(html, "days_to_deliver"),
                        "return_rate", latestValue(html, "return_rate")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "revenue", "€ 1,275,004",
                        "conversion_rate", "2.9 %",
                        "orders", "57,500",
                        "days_to_deliver", "2.3 days",
                        "return_rate", "7.9 %"));
    }

    @Test
    void summarisesEachKpiWithItsChangeAndTarget() {
        var html = HtmlReport.render(year2025());

        assertThat(summaryRow(html, "revenue"))
                .contains(">Revenue</a>", ">Dec 2025<", ">€ 1,275,004<", ">+€ 25,000<", ">at least € 1,200,000<")
                .contains("class=\"target-met\">met<");
        assertThat(summaryRow(html, "conversion_rate")).contains(">+0.1 pp<", "class=\"target-missed\">not met<");
        assertThat(summaryRow(html, "orders")).contains(">+1,500<", "class=\"target-unknown\">–<");
        assertThat(summaryRow(html, "days_to_deliver")).contains(">-0.1 days<", ">at most 2.5 days<");
    }

    @Test
    void drawsOneChartPerKpiWithABarForEachMonthThatHasAValue() {
        var html = HtmlReport.render(year2025());

        assertThat(count(html, "<svg role=\"img\"")).isEqualTo(5);
        assertThat(count(html, "<svg ")).isEqualTo(5);
        // twelve months each, one of return rate's without a value
        assertThat(count(html, "<rect class=\"bar\"")).isEqualTo(5 * 12 - 1);
        assertThat(section(html, "revenue"))
                .contains("aria-label=\"Bar chart of Revenue by month, Jan 2025 to Dec 2025; latest Dec 2025:"
                        + " € 1,275,004; target at least € 1,200,000\"")
                .contains("<title>Bar chart of Revenue by month")
                .contains(">€ 1,275,004</text>", ">€ 0</text>", ">Jan</text>", ">2025</text>", ">Dec</text>");
    }

    @Test
    void namesThePeriodOwnerAndEverySource() {
        var html = HtmlReport.render(year2025());

        assertThat(html)
                .contains("<p class=\"period\" id=\"period\">Jan 2025 – Dec 2025</p>")
                .contains("<span id=\"owner\">controlling</span>")
                .contains("<time datetime=\"2026-01-05T06:00:00Z\">2026-01-05 06:00 UTC</time>")
                .contains("<code class=\"source-product\">checkout.orders</code>, read at "
                        + "<code class=\"source-snapshot\">snap-2026-01-05-0600</code>")
                .contains("<code class=\"source-product\">fulfillment.shipments</code>");
    }

    @Test
    void showsAMissingMonthAsAnEnDash() {
        var html = HtmlReport.render(withKpi(new Kpi(
                "return_rate",
                "Return rate",
                KpiFormat.PERCENT,
                "Returned lines divided by delivered lines.",
                monthly(month -> month == 5 || month == 11 ? Double.NaN : 0.08))));

        assertThat(latestValue(html, "return_rate")).isEqualTo("–");
        assertThat(summaryRow(html, "return_rate")).contains(">–</td>");
        assertThat(section(html, "return_rate"))
                .contains("<title>Jun 2025: –</title>")
                .contains("<title>Dec 2025: –</title>");
        assertThat(count(html, "<rect class=\"bar\"")).isEqualTo(10);
    }

    @Test
    void escapesWhatTheReportSays() {
        var html = HtmlReport.render(withKpi(new Kpi(
                "orders",
                "<script>alert('x')</script> & more",
                KpiFormat.COUNT,
                "Orders \"placed\" <b>now</b>.",
                monthly(month -> 100))));

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<b>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more")
                .contains("Orders &quot;placed&quot; &lt;b&gt;now&lt;/b&gt;.")
                .contains("aria-label=\"Bar chart of &lt;script&gt;");
    }

    @Test
    void needsNothingFromElsewhere() {
        var html = HtmlReport.render(year2025());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>");
        assertThat(html).doesNotContain("<link", "<script", "<img", "src=", "url(", "@import");
        // the only address is the SVG namespace, which names the vocabulary and is never fetched
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http");
    }

    @Test
    void givesTheSamePageForTheSameReport() {
        assertThat(HtmlReport.render(year2025())).isEqualTo(HtmlReport.render(year2025()));
    }

    /** The text of {@code .kpi-value} inside {@code #kpi-<key>}. */
    static String latestValue(String html, String key) {
        var matcher = Pattern.compile("class=\"kpi-value\">([^<]*)<").matcher(section(html, key));
        assertThat(matcher.find()).as("a .kpi-value in #kpi-%s", key).isTrue();
        var value = matcher.group(1);
        assertThat(matcher.find()).as("one .kpi-value in #kpi-%s", key).isFalse();
        return value;
    }

    static String section(String html, String key) {
        var matcher = Pattern.compile(
                        "<article class=\"kpi\" id=\"kpi-" + Pattern.quote(key) + "\">(.*?)</article>", Pattern.DOTALL)
                .matcher(html);
        assertThat(matcher.find()).as("an element #kpi-%s", key).isTrue();
        return matcher.group(1);
    }

    static String summaryRow(String html, String key) {
        var matcher = Pattern.compile("<tr id=\"summary-" + Pattern.quote(key) + "\">(.*?)</tr>")
                .matcher(html);
        assertThat(matcher.find()).as("a summary row for %s", key).isTrue();
        return matcher.group(1);
    }

    static int count(String text, String part) {
        var count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
