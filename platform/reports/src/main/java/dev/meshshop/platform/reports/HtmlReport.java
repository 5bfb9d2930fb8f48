package dev.meshshop.platform.reports;

import java.util.Locale;

/**
 * Renders a {@link Report} as one self-contained HTML5 page: no scripts, fonts, style sheets or images from
 * elsewhere, the style inline and each KPI's chart an inline SVG, so the page reads the same offline, attached to
 * a mail or archived with the snapshot it was computed from. Every text from the report is escaped.
 *
 * <p>The page has, in this order: the title, period, owner, generation time and freshness note; a summary table
 * (latest month's value, change from the month before, target and whether it is met); a section per KPI with
 * its description, latest value and bar chart; the sources. Its elements keep stable names for tests and for
 * readers that pick figures out of the page:
 *
 * <ul>
 *   <li>{@code id="kpi-<key>"} the KPI's section, in which {@code class="kpi-value"} holds its latest value, as
 *       the PDF writes it ({@link KpiFormat});
 *   <li>{@code id="summary-<key>"} the KPI's row of the summary table;
 *   <li>{@code id="sources"} the list of sources, each with {@code class="source-product"} and
 *       {@code class="source-snapshot"}.
 * </ul>
 *
 * <p>Each chart is an {@code <svg role="img">} with an {@code aria-label} and a {@code <title>} that say what it
 * shows in words; each bar carries its month and value as a tooltip.
 */
public final class HtmlReport {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 200;
    private static final int PLOT_LEFT = 84;
    private static final int PLOT_RIGHT = 628;
    private static final int PLOT_TOP = 24;
    private static final int PLOT_BOTTOM = 160;

    private static final String STYLE =
            """
            body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1d2733;\
            max-width:960px;margin:0 auto;padding:24px;line-height:1.4}
            h1,h2,h3,p,li,th[scope=row]{overflow-wrap:anywhere}
            h1{margin:0 0 4px;font-size:1.8em}
            h2{margin-top:2em;border-bottom:1px solid #c8d0d9;padding-bottom:4px}
            h3{margin:0 0 4px}
            .period{font-size:1.2em;margin:0 0 8px}
            .meta,.kpi-description,.freshness{color:#4a5663}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #dde3ea}
            td.number{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .target-met{color:#17663a;font-weight:600}
            .target-missed{color:#a3261b;font-weight:600}
            .kpi{margin:24px 0;page-break-inside:avoid}
            .kpi-latest{margin:4px 0 8px}
            .kpi-value{font-size:1.4em;font-weight:700}
            svg{width:100%;height:auto;max-width:640px;display:block}
            svg text{font-size:11px;fill:#4a5663}
            svg .bar{fill:#2f6fb0}
            svg .axis{stroke:#4a5663;stroke-width:1}
            svg .target{stroke:#a3261b;stroke-width:1.5;stroke-dasharray:6 4}
            svg text.target-label{fill:#a3261b}
            """;

    private HtmlReport() {}

    /** The report as an HTML5 page. */
    public static String render(Report report) {
        var html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(escape(report.title() + " – " + report.period()))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n");
        header(html, report);
        summary(html, report);
        html.append("<section id=\"kpis\">\n<h2>KPIs</h2>\n");
        for (var kpi : report.kpis()) {
            kpi(html, kpi);
        }
        html.append("</section>\n");
        sources(html, report);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void header(StringBuilder html, Report report) {
        html.append("<header>\n<h1 id=\"title\">")
                .append(escape(report.title()))
                .append("</h1>\n<p class=\"period\" id=\"period\">")
                .append(escape(report.period()))
                .append("</p>\n<p class=\"meta\">Owner: <span id=\"owner\">")
                .append(escape(report.owner()))
                .append("</span> · Generated: <time datetime=\"")
                .append(report.generatedAt())
                .append("\">")
                .append(escape(Wording.time(report.generatedAt())))
                .append("</time></p>\n<p class=\"freshness\" id=\"freshness\">")
                .append(escape(report.freshness()))
                .append("</p>\n</header>\n");
    }

    private static void summary(StringBuilder html, Report report) {
        html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n<thead><tr>")
                .append("<th scope=\"col\">KPI</th><th scope=\"col\">Month</th><th scope=\"col\">Value</th>")
                .append("<th scope=\"col\">Change vs previous month</th><th scope=\"col\">Target</th>")
                .append("<th scope=\"col\">Target met</th></tr></thead>\n<tbody>\n");
        for (var kpi : report.kpis()) {
            var line = KpiSummary.of(kpi);
            html.append("<tr id=\"summary-")
                    .append(kpi.key())
                    .append("\"><th scope=\"row\"><a href=\"#kpi-")
                    .append(kpi.key())
                    .append("\">")
                    .append(escape(kpi.label()))
                    .append("</a></th><td>")
                    .append(escape(line.month()))
                    .append("</td><td class=\"number summary-value\">")
                    .append(escape(line.value()))
                    .append("</td><td class=\"number summary-change\">")
                    .append(escape(line.change()))
                    .append("</td><td class=\"number\">")
                    .append(escape(line.target()))
                    .append("</td><td class=\"")
                    .append(statusClass(line.status()))
                    .append("\">")
                    .append(escape(line.status().text))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String statusClass(KpiSummary.Status status) {
        return switch (status) {
            case MET -> "target-met";
            case MISSED -> "target-missed";
            case UNKNOWN -> "target-unknown";
        };
    }

    private static void kpi(StringBuilder html, Kpi kpi) {
        var line = KpiSummary.of(kpi);
        html.append("<article class=\"kpi\" id=\"kpi-")
                .append(kpi.key())
                .append("\">\n<h3>")
                .append(escape(kpi.label()))
                .append("</h3>\n<p class=\"kpi-description\">")
                .append(escape(kpi.description()))
                .append("</p>\n<p class=\"kpi-latest\"><span class=\"kpi-month\">")
                .append(escape(line.month()))
                .append("</span>: <span class=\"kpi-value\">")
                .append(escape(line.value()))
                .append("</span> (<span class=\"kpi-change\">")
                .append(escape(line.change()))
                .append("</span> vs previous month")
                .append(
                        kpi.target() == null
                                ? ""
                                : "; target " + escape(line.target()) + ", " + escape(line.status().text))
                .append(")</p>\n");
        chart(html, BarChart.of(kpi));
        html.append("</article>\n");
    }

    private static void chart(StringBuilder html, BarChart chart) {
        html.append("<svg role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" aria-label=\"")
                .append(escape(chart.description()))
                .append("\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>")
                .append(escape(chart.description()))
                .append("</title>\n");
        text(html, "axis-label", PLOT_LEFT - 6, PLOT_TOP + 4, "end", chart.upperLabel());
        text(html, "axis-label", PLOT_LEFT - 6, PLOT_BOTTOM + 4, "end", chart.lowerLabel());
        var slotWidth = (double) (PLOT_RIGHT - PLOT_LEFT) / chart.slots().size();
        for (int i = 0; i < chart.slots().size(); i++) {
            var slot = chart.slots().get(i);
            var centre = PLOT_LEFT + slotWidth * (i + 0.5);
            var tooltip = escape(Wording.month(slot.month()) + ": " + slot.value());
            if (slot.missing()) {
                html.append("<text class=\"missing\" x=\"")
                        .append(number(centre))
                        .append("\" y=\"")
                        .append(number(y(chart.zero()) - 3))
                        .append("\" text-anchor=\"middle\">")
                        .append(KpiFormat.MISSING)
                        .append("<title>")
                        .append(tooltip)
                        .append("</title></text>\n");
            } else {
                html.append("<rect class=\"bar\" x=\"")
                        .append(number(centre - slotWidth * 0.35))
                        .append("\" y=\"")
                        .append(number(y(slot.top())))
                        .append("\" width=\"")
                        .append(number(slotWidth * 0.7))
                        .append("\" height=\"")
                        .append(number(y(slot.bottom()) - y(slot.top())))
                        .append("\"><title>")
                        .append(tooltip)
                        .append("</title></rect>\n");
            }
            if (!slot.monthLabel().isEmpty()) {
                text(html, "month-label", centre, PLOT_BOTTOM + 16, "middle", slot.monthLabel());
            }
            if (!slot.yearLabel().isEmpty()) {
                text(html, "year-label", centre, PLOT_BOTTOM + 30, "middle", slot.yearLabel());
            }
        }
        line(html, "axis", PLOT_LEFT, y(chart.zero()), PLOT_RIGHT, y(chart.zero()));
        line(html, "axis", PLOT_LEFT, PLOT_TOP, PLOT_LEFT, PLOT_BOTTOM);
        if (chart.hasTarget()) {
            line(html, "target", PLOT_LEFT, y(chart.target()), PLOT_RIGHT, y(chart.target()));
            text(html, "target-label", PLOT_RIGHT, 11, "end", chart.targetLabel());
        }
        html.append("</svg>\n");
    }

    private static void sources(StringBuilder html, Report report) {
        html.append("<section>\n<h2>Sources</h2>\n<ul id=\"sources\">\n");
        for (var source : report.sources()) {
            html.append("<li><code class=\"source-product\">")
                    .append(escape(source.product()))
                    .append("</code>, read at <code class=\"source-snapshot\">")
                    .append(escape(source.snapshot()))
                    .append("</code></li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private static void text(StringBuilder html, String cssClass, double x, double y, String anchor, String text) {
        html.append("<text class=\"")
                .append(cssClass)
                .append("\" x=\"")
                .append(number(x))
                .append("\" y=\"")
                .append(number(y))
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\">")
                .append(escape(text))
                .append("</text>\n");
    }

    private static void line(StringBuilder html, String cssClass, double x1, double y1, double x2, double y2) {
        html.append("<line class=\"")
                .append(cssClass)
                .append("\" x1=\"")
                .append(number(x1))
                .append("\" y1=\"")
                .append(number(y1))
                .append("\" x2=\"")
                .append(number(x2))
                .append("\" y2=\"")
                .append(number(y2))
                .append("\"/>\n");
    }

    /** The SVG y coordinate of a height in the plot, 0 at its bottom and 1 at its top. */
    private static double y(double height) {
        return PLOT_BOTTOM - height * (PLOT_BOTTOM - PLOT_TOP);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * The text with the characters HTML gives a meaning escaped, fit for elements and quoted attributes; control
     * characters, which HTML does not allow, become spaces.
     */
    static String escape(String text) {
        var escaped = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
            }
        });
        return escaped.toString();
    }
}
