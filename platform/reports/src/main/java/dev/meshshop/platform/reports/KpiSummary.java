package dev.meshshop.platform.reports;

/**
 * A KPI's line in a report's summary, as text: both renderers show these very strings.
 *
 * @param month the latest month, for example {@code Dec 2025}
 * @param value the latest month's value, or {@link KpiFormat#MISSING}
 * @param change the change from the month before, or {@link KpiFormat#MISSING} if either month has no value
 * @param target the target, for example {@code at least € 1,000,000}, or {@link KpiFormat#MISSING} if none
 * @param status whether the latest value meets the target
 */
record KpiSummary(Kpi kpi, String month, String value, String change, String target, Status status) {

    enum Status {
        MET("met"),
        MISSED("not met"),
        /** No target, or no latest value to measure against it. */
        UNKNOWN(KpiFormat.MISSING);

        final String text;

        Status(String text) {
            this.text = text;
        }
    }

    static KpiSummary of(Kpi kpi) {
        var latest = kpi.latest();
        var format = kpi.format();
        var previous = kpi.valueOf(latest.month().minusMonths(1));
        var target = kpi.target();
        var status = target == null || latest.isMissing()
                ? Status.UNKNOWN
                : target.isMetBy(latest.value()) ? Status.MET : Status.MISSED;
        return new KpiSummary(
                kpi,
                Wording.month(latest.month()),
                format.format(latest.value()),
                format.formatChange(latest.value() - previous),
                target == null ? KpiFormat.MISSING : targetText(format, target),
                status);
    }

    private static String targetText(KpiFormat format, Kpi.Target target) {
        var bound = target.direction() == Kpi.Direction.HIGHER_IS_BETTER ? "at least " : "at most ";
        return bound + format.format(target.value());
    }
}
