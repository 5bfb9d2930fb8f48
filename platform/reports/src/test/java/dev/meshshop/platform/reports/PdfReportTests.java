package dev.meshshop.platform.reports;

import static dev.meshshop.platform.reports.ManagementReports.GENERATED_AT;
import static dev.meshshop.platform.reports.ManagementReports.SOURCES;
import static dev.meshshop.platform.reports.ManagementReports.manyKpis;
import static dev.meshshop.platform.reports.ManagementReports.monthly;
import static dev.meshshop.platform.reports.ManagementReports.withKpi;
import static dev.meshshop.platform.reports.ManagementReports.withKpis;
import static dev.meshshop.platform.reports.ManagementReports.year2025;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.pdfparser.PDFStreamParser;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The PDF says what the HTML page says, draws a chart per KPI, survives any text, and is the same every time. */
class PdfReportTests {

    @Test
    void writesEveryKpisLabelAndLatestValueAsTheHtmlPageDoes() throws IOException {
        var report = year2025();
        var html = HtmlReport.render(report);

        var text = text(PdfReport.render(report));

        for (var kpi : report.kpis()) {
            var latest = HtmlReportTests.latestValue(html, kpi.key());
            assertThat(text).contains(kpi.label()).contains(latest);
        }
        assertThat(text)
                .contains("€ 1,275,004", "2.9 %", "57,500", "2.3 days", "7.9 %")
                .contains("+€ 25,000", "+0.1 pp", "-0.1 days")
                .contains("at least € 1,200,000", "not met");
    }

    @Test
    void namesThePeriodOwnerAndEverySourceOnTheFirstPage() throws IOException {
        var firstPage = text(PdfReport.render(year2025()), 1, 1);

        assertThat(firstPage)
                .contains("Management report")
                .contains("Jan 2025 – Dec 2025")
                .contains("Owner: controlling")
                .contains("Generated: 2026-01-05 06:00 UTC")
                .contains("Orders and shipments up to 31 Dec 2025, 24:00 UTC.");
        for (var source : SOURCES) {
            assertThat(firstPage).contains(source.product() + ", read at " + source.snapshot());
        }
    }

    @Test
    void drawsAChartPerKpiOnPagesAfterTheSummary() throws IOException {
        try (var document = Loader.loadPDF(PdfReport.render(year2025()))) {
            // a page for the title and summary, then the charts: more than one to a page
            assertThat(document.getNumberOfPages()).isBetween(2, 5);
            assertThat(operators(document, 0, "re"))
                    .as("rectangles on the first page")
                    .isZero();
            var bars = 0L;
            for (int page = 1; page < document.getNumberOfPages(); page++) {
                bars += operators(document, page, "re");
                assertThat(operators(document, page, "f")).isEqualTo(operators(document, page, "re"));
            }
            // a bar for each month with a value: twelve each, one of return rate's without
            assertThat(bars).isEqualTo(5 * 12 - 1);
            var later = text(document, 2, document.getNumberOfPages());
            assertThat(later).contains("Jan", "Dec", "2025", "€ 0", "target at least € 1,200,000");
            assertThat(later).contains("Page 2 of " + document.getNumberOfPages());
        }
    }

    @Test
    void flowsTwentyFourKpisOntoAsManyPagesAsTheyNeed() throws IOException {
        try (var document = Loader.loadPDF(PdfReport.render(withKpis(manyKpis(Report.MAX_KPIS))))) {
            assertThat(document.getNumberOfPages()).isBetween(1 + 24 / 3, 1 + 24);
            var lines = new PDFTextStripper().getText(document).lines().toList();
            for (int i = 0; i < 24; i++) {
                assertThat(lines).as("KPI %d's heading", i).contains("KPI " + i);
            }
        }
    }

    @Test
    void showsAMissingLatestMonthAsAnEnDash() throws IOException {
        var report = withKpi(new Kpi(
                "return_rate",
                "Return rate",
                KpiFormat.PERCENT,
                "Returned lines divided by delivered lines.",
                monthly(month -> month == 11 ? Double.NaN : 0.08)));

        var text = text(PdfReport.render(report));

        assertThat(text).contains("Dec 2025: – (– vs previous month)");
    }

    @Test
    void writesACharacterHelveticaLacksAsAQuestionMark() throws IOException {
        var kpi = new Kpi(
                "orders",
                "Orders 📦 in 東京",
                KpiFormat.COUNT,
                "Orders placed → delivered, en dash – and euro € kept.",
                monthly(month -> 100));

        var text = text(PdfReport.render(withKpi(kpi)));

        assertThat(text).contains("Orders ? in ??").contains("Orders placed ? delivered, en dash – and euro € kept.");
    }

    @Test
    void givesTheSameBytesForTheSameReport() {
        var first = PdfReport.render(year2025());
        // PDFBox takes the clock for a document ID unless told otherwise: let it tick
        var before = System.currentTimeMillis();
        while (System.currentTimeMillis() == before) {
            Thread.onSpinWait();
        }

        var second = PdfReport.render(year2025());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void datesTheDocumentAndDerivesItsIdFromTheReport() throws IOException {
        var later = new Report(
                "Management report",
                "Jan 2025 – Dec 2025",
                GENERATED_AT.plusSeconds(3600),
                "controlling",
                SOURCES,
                year2025().kpis(),
                "Orders and shipments up to 31 Dec 2025, 24:00 UTC.");
        try (var document = Loader.loadPDF(PdfReport.render(year2025()));
                var again = Loader.loadPDF(PdfReport.render(year2025()));
                var regenerated = Loader.loadPDF(PdfReport.render(later))) {
            var info = document.getDocumentInformation();
            assertThat(info.getCreationDate().toInstant()).isEqualTo(GENERATED_AT);
            assertThat(info.getTitle()).isEqualTo("Management report – Jan 2025 – Dec 2025");
            assertThat(info.getAuthor()).isEqualTo("controlling");
            assertThat(info.getModificationDate()).isNull();

            var id = document.getDocument().getDocumentID();
            assertThat(id).as("PDFBox writes a document ID").isNotNull();
            assertThat(again.getDocument().getDocumentID().toList()).isEqualTo(id.toList());
            assertThat(regenerated.getDocument().getDocumentID().toList()).isNotEqualTo(id.toList());
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static String text(byte[] pdf, int firstPage, int lastPage) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return text(document, firstPage, lastPage);
        }
    }

    private static String text(PDDocument document, int firstPage, int lastPage) throws IOException {
        var stripper = new PDFTextStripper();
        stripper.setStartPage(firstPage);
        stripper.setEndPage(lastPage);
        return stripper.getText(document);
    }

    /** How often the page's content uses the operator, for example {@code re} for a rectangle. */
    private static long operators(PDDocument document, int page, String name) throws IOException {
        return new PDFStreamParser(document.getPage(page))
                .parse().stream()
                        .filter(token -> token instanceof Operator operator
                                && operator.getName().equals(name))
                        .count();
    }
}
