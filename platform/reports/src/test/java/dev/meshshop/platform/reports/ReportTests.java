package dev.meshshop.platform.reports;

import static dev.meshshop.platform.reports.ManagementReports.FIRST_MONTH;
import static dev.meshshop.platform.reports.ManagementReports.counted;
import static dev.meshshop.platform.reports.ManagementReports.manyKpis;
import static dev.meshshop.platform.reports.ManagementReports.points;
import static dev.meshshop.platform.reports.ManagementReports.withKpi;
import static dev.meshshop.platform.reports.ManagementReports.withKpis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.meshshop.platform.reports.Kpi.Point;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A report that cannot be rendered well is refused when it is made, with a message naming the part and the fix. */
class ReportTests {

    @Test
    void acceptsAsManyKpisAsAReportShows() {
        assertThat(withKpis(manyKpis(Report.MAX_KPIS)).kpis()).hasSize(24);
    }

    @Test
    void refusesMoreKpisThanAReportShows() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> withKpis(manyKpis(25)))
                .withMessageContaining("Report 'Management report' has 25 KPIs")
                .withMessageContaining("at most 24")
                .withMessageContaining("split it into several reports");
    }

    @Test
    void refusesTwoKpisWithOneKey() {
        var kpis = List.of(counted("orders", "Orders", 12), counted("orders", "Orders placed", 12));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> withKpis(kpis))
                .withMessageContaining("two KPIs with the key 'orders'")
                .withMessageContaining("give each KPI its own key");
    }

    @Test
    void acceptsFiveYearsOfMonthsAndRefusesOneMore() {
        assertThat(counted("orders", "Orders", Kpi.MAX_MONTHS).points()).hasSize(60);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> counted("orders", "Orders", 61))
                .withMessageContaining("KPI 'orders' has 61 points")
                .withMessageContaining("at most 60 months")
                .withMessageContaining("leave out the oldest months");
    }

    @Test
    void refusesFewPointsSpreadOverMoreThanFiveYears() {
        var points = List.of(new Point(FIRST_MONTH, 1), new Point(FIRST_MONTH.plusMonths(60), 2));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Kpi("orders", "Orders", KpiFormat.COUNT, "Orders placed.", points))
                .withMessageContaining("KPI 'orders' spans 2025-01 to 2030-01");
    }

    @Test
    void refusesTwoValuesForOneMonth() {
        var points = new ArrayList<>(points(3, month -> month));
        points.add(new Point(FIRST_MONTH.plusMonths(1), 7));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Kpi("orders", "Orders", KpiFormat.COUNT, "Orders placed.", points))
                .withMessageContaining("KPI 'orders' has two points for 2025-02")
                .withMessageContaining("give each month one value");
    }

    @Test
    void refusesAnInfiniteValueAndNamesTheMonth() {
        var points = List.of(new Point(FIRST_MONTH, Double.POSITIVE_INFINITY));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Kpi("conversion_rate", "Conversion", KpiFormat.PERCENT, "Orders/visits.", points))
                .withMessageContaining("KPI 'conversion_rate': its value for 2025-01 is Infinity")
                .withMessageContaining("Double.NaN for a missing value");
    }

    @Test
    void refusesALabelTooLongForTheSummaryTable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> counted("orders", "O".repeat(61), 12))
                .withMessageContaining("KPI 'orders': the label is 61 characters long, at most 60")
                .withMessageContaining("shorten it");
    }

    @Test
    void refusesAKeyThatCannotNameTheKpiOnThePage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> counted("Orders placed", "Orders", 12))
                .withMessageContaining("KPI key 'Orders placed'")
                .withMessageContaining("use lower-case letters, digits, '-' and '_'");
    }

    @Test
    void refusesAReportWithoutSources() {
        var kpi = counted("orders", "Orders", 12);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Report(
                        "Management report",
                        "2025",
                        ManagementReports.GENERATED_AT,
                        "controlling",
                        List.of(),
                        List.of(kpi),
                        "Up to date."))
                .withMessageContaining("names no source")
                .withMessageContaining("name the data products and snapshots");
    }

    @Test
    void keepsPointsInMonthOrderAndFindsTheLatest() {
        var kpi = new Kpi(
                "orders",
                "Orders",
                KpiFormat.COUNT,
                "Orders placed.",
                List.of(new Point(FIRST_MONTH.plusMonths(2), 3), new Point(FIRST_MONTH, 1)));

        assertThat(kpi.points()).extracting(Point::month).containsExactly(FIRST_MONTH, FIRST_MONTH.plusMonths(2));
        assertThat(kpi.latest().value()).isEqualTo(3);
        assertThat(kpi.months()).hasSize(3);
        assertThat(kpi.valueOf(FIRST_MONTH.plusMonths(1))).isNaN();
        assertThat(withKpi(kpi).kpis()).containsExactly(kpi);
    }
}
