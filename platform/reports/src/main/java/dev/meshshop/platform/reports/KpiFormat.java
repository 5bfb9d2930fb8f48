package dev.meshshop.platform.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * What a KPI's numbers mean and how they are written: the one place that turns a value into text, so that the
 * HTML page and the PDF show every value in exactly the same words. The text does not depend on the machine's
 * locale: digits are grouped by thousands with a comma, decimals follow a point, and halves round up
 * ({@code 2.45 days} shows as {@code 2.5 days}).
 */
public enum KpiFormat {
    /** An amount in euros, shown in whole euros: {@code € 1,234,567}. */
    MONEY_EUR,
    /** A share, given as 0..1 and shown in per cent with one decimal: {@code 0.1234} shows as {@code 12.3 %}. */
    PERCENT,
    /** A number of things, shown as a whole number: {@code 12,345}. */
    COUNT,
    /** A duration in days, shown with one decimal: {@code 2.4 days}. */
    DAYS;

    /** What a report shows where a value is missing: an en dash. */
    public static final String MISSING = "–";

    /**
     * The value as a report shows it.
     *
     * @param value the KPI's value; {@link Double#NaN} for a month without one
     * @return for example {@code € 1,234,567}, {@code 12.3 %}, {@code 12,345}, {@code 2.4 days}, or
     *     {@link #MISSING}
     */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        var rounded = rounded(value);
        var sign = rounded.signum() < 0 ? "-" : "";
        return sign + written(rounded.abs(), false);
    }

    /**
     * A change between two values as a report shows it, with its sign; a change of a share is given in
     * percentage points.
     *
     * @param change the later value minus the earlier one; {@link Double#NaN} if one of them is missing
     * @return for example {@code +€ 12,000}, {@code -1.5 pp}, {@code +120}, {@code 0.0 days}, or {@link #MISSING}
     */
    public String formatChange(double change) {
        if (Double.isNaN(change)) {
            return MISSING;
        }
        var rounded = rounded(change);
        var sign = rounded.signum() < 0 ? "-" : rounded.signum() > 0 ? "+" : "";
        return sign + written(rounded.abs(), true);
    }

    private BigDecimal rounded(double value) {
        var exact = BigDecimal.valueOf(value);
        return switch (this) {
            case MONEY_EUR, COUNT -> exact.setScale(0, RoundingMode.HALF_UP);
            case PERCENT -> exact.movePointRight(2).setScale(1, RoundingMode.HALF_UP);
            case DAYS -> exact.setScale(1, RoundingMode.HALF_UP);
        };
    }

    private String written(BigDecimal magnitude, boolean change) {
        return switch (this) {
            case MONEY_EUR -> "€ " + grouped(magnitude, "#,##0");
            case PERCENT -> grouped(magnitude, "#,##0.0") + (change ? " pp" : " %");
            case COUNT -> grouped(magnitude, "#,##0");
            case DAYS -> grouped(magnitude, "#,##0.0") + " days";
        };
    }

    private static String grouped(BigDecimal magnitude, String pattern) {
        var symbols = new DecimalFormatSymbols(Locale.ROOT);
        symbols.setGroupingSeparator(',');
        symbols.setDecimalSeparator('.');
        symbols.setMinusSign('-');
        return new DecimalFormat(pattern, symbols).format(magnitude);
    }
}
