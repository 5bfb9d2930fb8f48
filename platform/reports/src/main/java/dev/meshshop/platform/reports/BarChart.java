package dev.meshshop.platform.reports;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * A KPI's bar chart before it is drawn: a bar a month, from the zero line to the month's value, with the axis's
 * lower and upper end and the target line. Heights are fractions of the plot's height, 0 at its bottom and 1 at
 * its top, so the HTML page and the PDF draw the same chart in their own coordinates.
 *
 * <p>The axis always includes zero, so that bars compare honestly; it reaches from the smallest to the largest of
 * zero, the values and the target. Months are labelled with their name, at most twelve of them (every second
 * month for up to two years, and so on); the year stands under the first label and under the first of each year.
 *
 * @param zero the height of the zero line
 * @param target the height of the target line, or {@link Double#NaN} if the KPI has no target
 * @param targetLabel the legend of the target line, to go above the plot, or empty
 * @param description what the chart shows, in a sentence, for readers that cannot see it
 */
record BarChart(
        List<Slot> slots,
        String lowerLabel,
        String upperLabel,
        double zero,
        double target,
        String targetLabel,
        String description) {

    private static final int MAX_MONTH_LABELS = 12;

    /**
     * One month of the chart.
     *
     * @param value the text of the month's value, {@link KpiFormat#MISSING} for a month without one
     * @param bottom the height of the bar's lower end; for a missing month, of the zero line
     * @param top the height of the bar's upper end; for a missing month, of the zero line
     * @param monthLabel the month's name under the axis, or empty if this month goes unlabelled
     * @param yearLabel the year under the month's name, or empty
     */
    record Slot(
            YearMonth month,
            boolean missing,
            String value,
            double bottom,
            double top,
            String monthLabel,
            String yearLabel) {}

    static BarChart of(Kpi kpi) {
        var format = kpi.format();
        var months = kpi.months();
        var lower = 0.0;
        var upper = 0.0;
        for (var point : kpi.points()) {
            if (!point.isMissing()) {
                lower = Math.min(lower, point.value());
                upper = Math.max(upper, point.value());
            }
        }
        if (kpi.target() != null) {
            lower = Math.min(lower, kpi.target().value());
            upper = Math.max(upper, kpi.target().value());
        }
        if (upper == lower) {
            upper = lower + 1;
        }
        var scale = new Scale(lower, upper);
        var every = (months.size() + MAX_MONTH_LABELS - 1) / MAX_MONTH_LABELS;
        var slots = new ArrayList<Slot>();
        var lastLabelledYear = -1;
        for (int i = 0; i < months.size(); i++) {
            var month = months.get(i);
            var value = kpi.valueOf(month);
            var missing = Double.isNaN(value);
            var labelled = i % every == 0;
            var showsYear = labelled && month.getYear() != lastLabelledYear;
            if (labelled) {
                lastLabelledYear = month.getYear();
            }
            slots.add(new Slot(
                    month,
                    missing,
                    format.format(value),
                    missing ? scale.at(0) : scale.at(Math.min(0, value)),
                    missing ? scale.at(0) : scale.at(Math.max(0, value)),
                    labelled ? Wording.monthName(month) : "",
                    showsYear ? Integer.toString(month.getYear()) : ""));
        }
        var summary = KpiSummary.of(kpi);
        var description = "Bar chart of " + kpi.label() + " by month, " + Wording.month(months.get(0)) + " to "
                + Wording.month(months.get(months.size() - 1)) + "; latest " + summary.month() + ": "
                + summary.value() + (kpi.target() == null ? "" : "; target " + summary.target());
        return new BarChart(
                List.copyOf(slots),
                format.format(lower),
                format.format(upper),
                scale.at(0),
                kpi.target() == null ? Double.NaN : scale.at(kpi.target().value()),
                kpi.target() == null ? "" : "Dashed line: target " + summary.target(),
                description);
    }

    boolean hasTarget() {
        return !Double.isNaN(target);
    }

    private record Scale(double lower, double upper) {
        double at(double value) {
            return (value - lower) / (upper - lower);
        }
    }
}
