package dev.meshshop.platform.reports;

import dev.meshshop.platform.reports.Kpi.Direction;
import dev.meshshop.platform.reports.Kpi.Point;
import dev.meshshop.platform.reports.Kpi.Target;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Reports as controlling publishes them, for the tests: a year of five KPIs, and variations of it. */
final class ManagementReports {

    static final YearMonth FIRST_MONTH = YearMonth.of(2025, 1);
    static final Instant GENERATED_AT = Instant.parse("2026-01-05T06:00:00Z");
    static final List<Source> SOURCES = List.of(
            new Source("checkout.orders", "snap-2026-01-05-0600"),
            new Source("fulfillment.shipments", "snap-2026-01-05-0545"));

    private ManagementReports() {}

    /** Revenue, conversion, orders, days to deliver and returns, January to December 2025. */
    static Report year2025() {
        return withKpis(List.of(
                new Kpi(
                        "revenue",
                        "Revenue",
                        KpiFormat.MONEY_EUR,
                        "Sum of the gross amounts of all orders placed in the month, less cancellations.",
                        monthly(month -> 1_000_000 + 25_000.4 * month),
                        new Target(1_200_000, Direction.HIGHER_IS_BETTER)),
                new Kpi(
                        "conversion_rate",
                        "Conversion rate",
                        KpiFormat.PERCENT,
                        "Orders placed divided by search sessions started in the month.",
                        monthly(month -> 0.021 + 0.0007 * month),
                        new Target(0.03, Direction.HIGHER_IS_BETTER)),
                new Kpi(
                        "orders",
                        "Orders",
                        KpiFormat.COUNT,
                        "Number of orders placed in the month.",
                        monthly(month -> 41_000 + 1_500 * month)),
                new Kpi(
                        "days_to_deliver",
                        "Days to deliver",
                        KpiFormat.DAYS,
                        "Average days from an order's payment to its delivery.",
                        monthly(month -> 3.1 - 0.07 * month),
                        new Target(2.5, Direction.LOWER_IS_BETTER)),
                new Kpi(
                        "return_rate",
                        "Return rate",
                        KpiFormat.PERCENT,
                        "Returned order lines divided by delivered order lines in the month.",
                        monthly(month -> month == 5 ? Double.NaN : 0.09 - 0.001 * month),
                        new Target(0.08, Direction.LOWER_IS_BETTER))));
    }

    static Report withKpis(List<Kpi> kpis) {
        return new Report(
                "Management report",
                "Jan 2025 – Dec 2025",
                GENERATED_AT,
                "controlling",
                SOURCES,
                kpis,
                "Orders and shipments up to 31 Dec 2025, 24:00 UTC.");
    }

    /** A report with just this KPI. */
    static Report withKpi(Kpi kpi) {
        return withKpis(List.of(kpi));
    }

    /** A KPI counting something, with a value for each of the first {@code months} months. */
    static Kpi counted(String key, String label, int months) {
        return new Kpi(key, label, KpiFormat.COUNT, "Number of things in the month.", points(months, m -> 100.0 * m));
    }

    /** Twelve months from January 2025, the value of month 0 to 11 given by {@code value}. */
    static List<Point> monthly(MonthlyValue value) {
        return points(12, value);
    }

    static List<Point> points(int months, MonthlyValue value) {
        return IntStream.range(0, months)
                .mapToObj(month -> new Point(FIRST_MONTH.plusMonths(month), value.of(month)))
                .toList();
    }

    static List<Kpi> manyKpis(int count) {
        var kpis = new ArrayList<Kpi>();
        for (int i = 0; i < count; i++) {
            kpis.add(counted("kpi_" + i, "KPI " + i, 12));
        }
        return kpis;
    }

    interface MonthlyValue {
        double of(int month);
    }
}
