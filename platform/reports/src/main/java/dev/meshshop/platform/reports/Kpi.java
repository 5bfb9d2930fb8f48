package dev.meshshop.platform.reports;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One key performance indicator of a report: what it is called, how its values are written, how it is computed,
 * and its value month by month, optionally with the target it is measured against.
 *
 * <p>The points are kept in month order, whatever order they are given in. A month may be missing: left out
 * between two others, or given with the value {@link Double#NaN}; a report shows it as {@link KpiFormat#MISSING}.
 *
 * @param key identifies the KPI within its report and on the HTML page ({@code id="kpi-<key>"}), for example
 *     {@code revenue}: lower-case letters, digits, {@code -} and {@code _}, starting with a letter
 * @param label what a reader calls the KPI, for example {@code Revenue}
 * @param format what the values mean and how they are written
 * @param description one sentence on how the KPI is computed
 * @param points the value of each month, at most {@value #MAX_MONTHS} months from the first to the last
 * @param target what the KPI should reach, or {@code null} if it has no target
 */
public record Kpi(String key, String label, KpiFormat format, String description, List<Point> points, Target target) {

    /** The most months a KPI's chart shows: five years. */
    public static final int MAX_MONTHS = 60;

    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_LABEL_LENGTH = 60;
    public static final int MAX_DESCRIPTION_LENGTH = 300;

    /** The largest value, either way, that a report writes out (a thousand trillion). */
    public static final double MAX_MAGNITUDE = 1e15;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]*");

    /** One month's value; {@link Double#NaN} if the month has none. */
    public record Point(YearMonth month, double value) {

        public Point {
            Objects.requireNonNull(month, "month");
        }

        /** A month for which the KPI has no value. */
        public static Point missing(YearMonth month) {
            return new Point(month, Double.NaN);
        }

        public boolean isMissing() {
            return Double.isNaN(value);
        }
    }

    /** Which way a KPI gets better. */
    public enum Direction {
        /** More is better, for example revenue: the target is a minimum. */
        HIGHER_IS_BETTER,
        /** Less is better, for example days to deliver: the target is a maximum. */
        LOWER_IS_BETTER;
    }

    /**
     * What a KPI should reach: at least {@code value} if higher is better, at most {@code value} if lower is.
     *
     * @param value the threshold, in the KPI's own unit (a share as 0..1)
     * @param direction which way the KPI gets better
     */
    public record Target(double value, Direction direction) {

        public Target {
            Objects.requireNonNull(direction, "direction");
        }

        /** Whether {@code actual} reaches the target; a value on the threshold reaches it. */
        public boolean isMetBy(double actual) {
            return direction == Direction.HIGHER_IS_BETTER ? actual >= value : actual <= value;
        }
    }

    /** A KPI without a target. */
    public Kpi(String key, String label, KpiFormat format, String description, List<Point> points) {
        this(key, label, format, description, points, null);
    }

    public Kpi {
        if (key == null || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("KPI key '" + key + "' cannot name the KPI on the page: use lower-case"
                    + " letters, digits, '-' and '_', starting with a letter, at most " + MAX_KEY_LENGTH
                    + " characters (for example 'revenue' or 'days_to_deliver')");
        }
        var whose = "KPI '" + key + "'";
        Checks.text(label, MAX_LABEL_LENGTH, whose, "label");
        Checks.present(format, whose, "format");
        Checks.text(description, MAX_DESCRIPTION_LENGTH, whose, "description");
        points = inMonthOrder(whose, Checks.present(points, whose, "points"));
        if (target != null) {
            if (Double.isNaN(target.value())) {
                throw new IllegalArgumentException(whose + ": its target is NaN: give a number, or no target (null)");
            }
            checkValue(whose, "its target", target.value());
        }
    }

    /** The last month's point: the value a report leads with. */
    public Point latest() {
        return points.get(points.size() - 1);
    }

    /** The months from the first point to the last, each once, missing ones included. */
    List<YearMonth> months() {
        var first = points.get(0).month();
        var count = (int) first.until(latest().month(), ChronoUnit.MONTHS) + 1;
        return IntStream.range(0, count).mapToObj(first::plusMonths).toList();
    }

    /** The month's value; {@link Double#NaN} if it has none. */
    double valueOf(YearMonth month) {
        return points.stream()
                .filter(point -> point.month().equals(month))
                .mapToDouble(Point::value)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static List<Point> inMonthOrder(String whose, List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException(whose + " has no points: give at least the latest month's value"
                    + " (Double.NaN if it is not known yet)");
        }
        if (points.size() > MAX_MONTHS) {
            throw new IllegalArgumentException(whose + " has " + points.size() + " points, a chart shows at most "
                    + MAX_MONTHS + " months: leave out the oldest months");
        }
        var sorted = points.stream()
                .map(point -> Checks.present(point, whose, "point in its list"))
                .sorted(Comparator.comparing(Point::month))
                .toList();
        for (int i = 0; i < sorted.size(); i++) {
            var point = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).month().equals(point.month())) {
                throw new IllegalArgumentException(
                        whose + " has two points for " + point.month() + ": give each month one value");
            }
            checkValue(whose, "its value for " + point.month(), point.value());
        }
        var first = sorted.get(0).month();
        var last = sorted.get(sorted.size() - 1).month();
        if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) {
            throw new IllegalArgumentException(whose + " spans " + first + " to " + last + ", a chart shows at most "
                    + MAX_MONTHS + " months: leave out the oldest months");
        }
        return sorted;
    }

    private static void checkValue(String whose, String what, double value) {
        if (Double.isInfinite(value) || Math.abs(value) > MAX_MAGNITUDE) {
            throw new IllegalArgumentException(whose + ": " + what + " is " + value + ", a report writes out values"
                    + " up to " + MAX_MAGNITUDE + " either way: check the query that computes it"
                    + (Double.isInfinite(value) ? " (a division by zero?); give Double.NaN for a missing value" : ""));
        }
    }
}
