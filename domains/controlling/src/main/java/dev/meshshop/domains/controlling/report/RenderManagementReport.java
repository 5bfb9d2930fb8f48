package dev.meshshop.domains.controlling.report;

import dev.meshshop.domains.controlling.simulator.HolidayCalendarFiles;
import dev.meshshop.platform.reports.HtmlReport;
import dev.meshshop.platform.reports.Kpi;
import dev.meshshop.platform.reports.KpiFormat;
import dev.meshshop.platform.reports.PdfReport;
import dev.meshshop.platform.reports.Report;
import dev.meshshop.platform.reports.Source;
import dev.meshshop.platform.storage.ModelStep;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws the management report from {@code model.management_kpis}: the KPIs in management's order, with their labels,
 * formats and targets, as a PDF and an HTML page in {@code model.management_report_files}. What each KPI means is
 * controlling's knowledge and lives here and in the SQL; how a report looks is the platform's.
 */
public final class RenderManagementReport implements ModelStep {

    static final String PDF = "report.pdf";
    static final String HTML = "report.html";

    /** One KPI as management reads it: which way is better decides whether a month met its target. */
    record Definition(String label, KpiFormat format, String description, Kpi.Direction better) {}

    /** The KPIs in the order the report shows them. */
    static final Map<String, Definition> KPIS = definitions();

    private static Map<String, Definition> definitions() {
        var kpis = new LinkedHashMap<String, Definition>();
        kpis.put(
                "revenue",
                new Definition(
                        "Revenue",
                        KpiFormat.MONEY_EUR,
                        "What customers paid for the orders they did not cancel, shipping included (checkout.orders).",
                        Kpi.Direction.HIGHER_IS_BETTER));
        kpis.put(
                "revenue_per_working_day",
                new Definition(
                        "Revenue per working day",
                        KpiFormat.MONEY_EUR,
                        "Revenue over the month's working days at the office in Leipzig, from the public holiday"
                                + " calendar controlling buys (external data).",
                        Kpi.Direction.HIGHER_IS_BETTER));
        kpis.put(
                "conversion",
                new Definition(
                        "Conversion",
                        KpiFormat.PERCENT,
                        "The share of visits that ended in an order (search.search_sessions).",
                        Kpi.Direction.HIGHER_IS_BETTER));
        kpis.put(
                "return_rate",
                new Definition(
                        "Return rate",
                        KpiFormat.PERCENT,
                        "The share of orders not cancelled with an article sent back (fulfillment.returns).",
                        Kpi.Direction.LOWER_IS_BETTER));
        kpis.put(
                "on_time_delivery",
                new Definition(
                        "On-time delivery",
                        KpiFormat.PERCENT,
                        "The share of delivered parcels that arrived by the promised time (fulfillment.shipments).",
                        Kpi.Direction.HIGHER_IS_BETTER));
        kpis.put(
                "payment_failures",
                new Definition(
                        "Payment failures",
                        KpiFormat.PERCENT,
                        "The share of orders whose payment failed at least once (payment.payments).",
                        Kpi.Direction.LOWER_IS_BETTER));
        return kpis;
    }

    @Override
    public String name() {
        return "render the management report";
    }

    @Override
    public String product() {
        return "management_report";
    }

    @Override
    public void run(Context context) throws Exception {
        var figures = context.area().withConnection(connection -> figures(connection, "value"));
        var targets = context.area().withConnection(connection -> figures(connection, "target"));
        var months = figures.values().stream()
                .flatMap(byMonth -> byMonth.keySet().stream())
                .distinct()
                .sorted()
                .toList();
        if (months.isEmpty()) {
            throw new IllegalStateException("model.management_kpis has no figures: there is nothing to report yet");
        }
        var kpis = new ArrayList<Kpi>();
        KPIS.forEach((key, definition) -> {
            var byMonth = figures.getOrDefault(key, Map.of());
            var points = months.stream()
                    .map(month -> byMonth.containsKey(month)
                            ? new Kpi.Point(month, byMonth.get(month))
                            : Kpi.Point.missing(month))
                    .toList();
            // the target of the latest month that has one, from controlling's uploaded KPI targets
            var target = targets.getOrDefault(key, new TreeMap<>()).entrySet().stream()
                    .reduce((earlier, later) -> later)
                    .map(latest -> new Kpi.Target(latest.getValue(), definition.better()))
                    .orElse(null);
            kpis.add(new Kpi(key, definition.label(), definition.format(), definition.description(), points, target));
        });
        var sources = new ArrayList<>(context.inputs().entrySet().stream()
                .map(input -> new Source(
                        input.getKey().toString(), input.getValue().snapshot().id()))
                .sorted(Comparator.comparing(Source::product))
                .toList());
        // the external dataset behind the working days: the calendar file the figures were counted with
        context.area()
                .withConnection(RenderManagementReport::calendarFile)
                .ifPresent(file -> sources.add(new Source("public holiday calendar (external)", file)));
        var monthName = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
        YearMonth first = months.get(0);
        YearMonth last = months.get(months.size() - 1);
        var report = new Report(
                "Management report",
                first.format(monthName) + " – " + last.format(monthName),
                context.now(),
                "controlling-team",
                sources,
                kpis,
                "Figures up to " + last.format(monthName) + ", from the input products' snapshots listed; the latest"
                        + " month is incomplete until it ends.");
        byte[] pdf = PdfReport.render(report);
        byte[] html = HtmlReport.render(report).getBytes(StandardCharsets.UTF_8);
        context.area().inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE OR REPLACE TABLE model.management_report_files"
                        + " (name VARCHAR NOT NULL, media_type VARCHAR NOT NULL, content BLOB NOT NULL)");
            }
            try (var insert =
                    connection.prepareStatement("INSERT INTO model.management_report_files VALUES (?, ?, ?)")) {
                insert.setString(1, PDF);
                insert.setString(2, "application/pdf");
                insert.setBytes(3, pdf);
                insert.execute();
                insert.setString(1, HTML);
                insert.setString(2, "text/html; charset=utf-8");
                insert.setBytes(3, html);
                insert.execute();
            }
            return null;
        });
    }

    /** The file of the public holiday calendar the working days were counted with: the latest of the latest year. */
    private static java.util.Optional<String> calendarFile(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT file_name FROM raw.files WHERE export = '" + HolidayCalendarFiles.EXPORT + "'"
                                + " AND outcome IN ('loaded', 'correction') ORDER BY business_day DESC, file_number DESC"
                                + " LIMIT 1")) {
            return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
        }
    }

    /** The {@code column} (the figure, or its target) by KPI and month, where it has one. */
    private static Map<String, Map<YearMonth, Double>> figures(Connection connection, String column)
            throws SQLException {
        var figures = new TreeMap<String, Map<YearMonth, Double>>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT kpi, month, " + column + " AS figure FROM"
                        + " model.management_kpis WHERE " + column + " IS NOT NULL")) {
            while (rows.next()) {
                var month = YearMonth.from(rows.getObject("month", LocalDate.class));
                figures.computeIfAbsent(rows.getString("kpi"), kpi -> new TreeMap<>())
                        .put(month, rows.getDouble("figure"));
            }
        }
        return figures;
    }
}
