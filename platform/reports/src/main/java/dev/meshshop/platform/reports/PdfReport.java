package dev.meshshop.platform.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * Renders a {@link Report} as a PDF on A4 pages: first the title, period, owner, generation time, freshness note
 * and sources, then the summary table (latest month's value, change from the month before, target and whether it
 * is met), then from a new page a section per KPI with its description and bar chart, drawn with vector
 * operations, with the axis's lower and upper value and the months under it. Sections flow onto further pages as
 * needed; each page's footer names the report and the page. Every value reads as on the HTML page
 * ({@link KpiFormat}).
 *
 * <p>The text is set in Helvetica, a standard font every PDF reader has, so nothing is embedded; it can write the
 * characters of Western European languages (WinAnsi), and writes any other character, such as CJK or an emoji,
 * as {@code ?}.
 *
 * <p>The same report gives the same bytes, run after run, with the same PDFBox version: the document's creation
 * date is the report's {@code generatedAt}, no other time goes in, and the layout uses the font metrics PDFBox
 * ships, not the fonts installed on the machine. PDFBox writes a document ID into every file, a hash of a number
 * it takes from the clock unless the document names one, and of the document's title, author, subject and
 * creation date; this renderer names {@code generatedAt}, so the ID follows from the report. Two reports that
 * differ only in their values share the ID, but not their bytes.
 */
public final class PdfReport {

    private static final float TITLE_SIZE = 22;
    private static final float HEADING_SIZE = 14;
    private static final float BODY_SIZE = 10;
    private static final float TABLE_SIZE = 9;
    private static final float SMALL_SIZE = 7;

    private static final float CHART_HEIGHT = 130;
    private static final float AXIS_LABELS_WIDTH = 72;
    private static final float MONTH_LABELS_HEIGHT = 22;

    /** The summary table's columns: their headings and shares of the content's width. */
    private static final List<String> COLUMNS =
            List.of("KPI", "Month", "Value", "Change vs previous month", "Target", "Target met");

    private static final float[] COLUMN_SHARES = {0.27f, 0.12f, 0.16f, 0.16f, 0.18f, 0.11f};

    private PdfReport() {}

    /** The report as a PDF file's bytes. */
    public static byte[] render(Report report) {
        try (var document = new PDDocument()) {
            describe(document, report);
            try (var pages = new PdfPages(document)) {
                titleSection(pages, report);
                summary(pages, report);
                pages.newPage();
                pages.line(pages.bold, HEADING_SIZE, "KPIs");
                for (var kpi : report.kpis()) {
                    kpi(pages, kpi);
                }
                pages.footers(report.title() + " – " + report.period());
            }
            var bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void describe(PDDocument document, Report report) {
        var generatedAt = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        generatedAt.setTimeInMillis(report.generatedAt().toEpochMilli());
        var info = new PDDocumentInformation();
        info.setTitle(report.title() + " – " + report.period());
        info.setAuthor(report.owner());
        info.setSubject(report.period());
        info.setCreationDate(generatedAt);
        document.setDocumentInformation(info);
        document.getDocumentCatalog().setLanguage("en");
        // Without a number of its own, PDFBox makes the document ID from the clock at saving.
        document.setDocumentId(report.generatedAt().toEpochMilli());
    }

    private static void titleSection(PdfPages pages, Report report) {
        pages.newPage();
        pages.paragraph(pages.bold, TITLE_SIZE, report.title());
        pages.paragraph(pages.regular, HEADING_SIZE, report.period());
        pages.gap(6);
        pages.paragraph(pages.regular, BODY_SIZE, "Owner: " + report.owner());
        pages.paragraph(pages.regular, BODY_SIZE, "Generated: " + Wording.time(report.generatedAt()));
        pages.paragraph(pages.regular, BODY_SIZE, report.freshness());
        pages.gap(10);
        pages.line(pages.bold, HEADING_SIZE, "Sources");
        for (var source : report.sources()) {
            pages.paragraph(pages.regular, BODY_SIZE, source.product() + ", read at " + source.snapshot());
        }
        pages.gap(10);
    }

    private static void summary(PdfPages pages, Report report) {
        pages.makeRoom(PdfPages.leading(HEADING_SIZE) + 3 * PdfPages.leading(TABLE_SIZE));
        pages.line(pages.bold, HEADING_SIZE, "Summary");
        tableRow(pages, pages.bold, COLUMNS);
        for (var kpi : report.kpis()) {
            var line = KpiSummary.of(kpi);
            var cells =
                    List.of(kpi.label(), line.month(), line.value(), line.change(), line.target(), line.status().text);
            if (pages.makeRoom(rowHeight(pages, pages.regular, cells))) {
                tableRow(pages, pages.bold, COLUMNS);
            }
            tableRow(pages, pages.regular, cells);
        }
    }

    private static void tableRow(PdfPages pages, PDFont font, List<String> cells) {
        var height = rowHeight(pages, font, cells);
        pages.makeRoom(height);
        var top = pages.take(height);
        var x = pages.left();
        for (int i = 0; i < cells.size(); i++) {
            var columnWidth = COLUMN_SHARES[i] * pages.width();
            var baseline = top - 3 - TABLE_SIZE;
            for (var line : PdfPages.wrap(font, TABLE_SIZE, columnWidth - 6, cells.get(i))) {
                pages.text(font, TABLE_SIZE, x, baseline, line);
                baseline -= PdfPages.leading(TABLE_SIZE);
            }
            x += columnWidth;
        }
        var stream = pages.stream();
        try {
            stream.setStrokingColor(0.8f);
            stream.setLineWidth(0.5f);
            stream.moveTo(pages.left(), top - height);
            stream.lineTo(pages.left() + pages.width(), top - height);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float rowHeight(PdfPages pages, PDFont font, List<String> cells) {
        var lines = 1;
        for (int i = 0; i < cells.size(); i++) {
            var columnWidth = COLUMN_SHARES[i] * pages.width();
            lines = Math.max(
                    lines,
                    PdfPages.wrap(font, TABLE_SIZE, columnWidth - 6, cells.get(i))
                            .size());
        }
        return lines * PdfPages.leading(TABLE_SIZE) + 6;
    }

    private static void kpi(PdfPages pages, Kpi kpi) {
        var line = KpiSummary.of(kpi);
        var heading = PdfPages.wrap(pages.bold, HEADING_SIZE, pages.width(), kpi.label());
        var description = PdfPages.wrap(pages.regular, BODY_SIZE, pages.width(), kpi.description());
        var latest = line.month() + ": " + line.value() + " (" + line.change() + " vs previous month"
                + (kpi.target() == null ? "" : "; target " + line.target() + ", " + line.status().text) + ")";
        var latestLines = PdfPages.wrap(pages.bold, BODY_SIZE, pages.width(), latest);
        // the KPI's section stays on one page
        pages.makeRoom(12
                + heading.size() * PdfPages.leading(HEADING_SIZE)
                + (description.size() + latestLines.size()) * PdfPages.leading(BODY_SIZE)
                + 8
                + CHART_HEIGHT
                + MONTH_LABELS_HEIGHT);
        pages.gap(12);
        for (var text : heading) {
            pages.line(pages.bold, HEADING_SIZE, text);
        }
        for (var text : description) {
            pages.line(pages.regular, BODY_SIZE, text);
        }
        for (var text : latestLines) {
            pages.line(pages.bold, BODY_SIZE, text);
        }
        pages.gap(8);
        var top = pages.take(CHART_HEIGHT + MONTH_LABELS_HEIGHT);
        try {
            chart(pages, BarChart.of(kpi), top);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chart(PdfPages pages, BarChart chart, float top) throws IOException {
        var stream = pages.stream();
        var left = pages.left() + AXIS_LABELS_WIDTH;
        var right = pages.left() + pages.width();
        var plotTop = top - 16;
        var bottom = top - CHART_HEIGHT;
        var plot = new Plot(bottom, plotTop);
        pages.textRight(pages.regular, SMALL_SIZE, left - 4, plotTop - SMALL_SIZE / 2, chart.upperLabel());
        pages.textRight(pages.regular, SMALL_SIZE, left - 4, bottom - SMALL_SIZE / 2, chart.lowerLabel());
        var slotWidth = (right - left) / chart.slots().size();
        var missing = new ArrayList<Float>();
        stream.setNonStrokingColor(0.18f, 0.44f, 0.69f);
        for (int i = 0; i < chart.slots().size(); i++) {
            var slot = chart.slots().get(i);
            var centre = left + slotWidth * (i + 0.5f);
            if (slot.missing()) {
                missing.add(centre);
            } else {
                var barBottom = plot.y(slot.bottom());
                stream.addRect(centre - slotWidth * 0.35f, barBottom, slotWidth * 0.7f, plot.y(slot.top()) - barBottom);
                stream.fill();
            }
        }
        stream.setNonStrokingColor(0.29f, 0.34f, 0.39f);
        for (var centre : missing) {
            pages.textCentred(pages.regular, SMALL_SIZE, centre, plot.y(chart.zero()) + 2, KpiFormat.MISSING);
        }
        for (int i = 0; i < chart.slots().size(); i++) {
            var slot = chart.slots().get(i);
            var centre = left + slotWidth * (i + 0.5f);
            if (!slot.monthLabel().isEmpty()) {
                pages.textCentred(pages.regular, SMALL_SIZE, centre, bottom - 10, slot.monthLabel());
            }
            if (!slot.yearLabel().isEmpty()) {
                pages.textCentred(pages.regular, SMALL_SIZE, centre, bottom - 19, slot.yearLabel());
            }
        }
        stream.setStrokingColor(0.29f, 0.34f, 0.39f);
        stream.setLineWidth(0.75f);
        stream.moveTo(left, plot.y(chart.zero()));
        stream.lineTo(right, plot.y(chart.zero()));
        stream.moveTo(left, bottom);
        stream.lineTo(left, plotTop);
        stream.stroke();
        if (chart.hasTarget()) {
            var y = plot.y(chart.target());
            stream.setStrokingColor(0.64f, 0.15f, 0.11f);
            stream.setNonStrokingColor(0.64f, 0.15f, 0.11f);
            stream.setLineDashPattern(new float[] {4, 3}, 0);
            stream.moveTo(left, y);
            stream.lineTo(right, y);
            stream.stroke();
            stream.setLineDashPattern(new float[] {}, 0);
            pages.textRight(pages.regular, SMALL_SIZE, right, top - SMALL_SIZE, chart.targetLabel());
        }
        stream.setNonStrokingColor(0f);
        stream.setStrokingColor(0f);
    }

    /** Maps a height in the plot, 0 at its bottom and 1 at its top, to the page. */
    private record Plot(float bottom, float top) {
        float y(double height) {
            return (float) (bottom + height * (top - bottom));
        }
    }
}
