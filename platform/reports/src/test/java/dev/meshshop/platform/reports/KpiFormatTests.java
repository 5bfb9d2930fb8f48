package dev.meshshop.platform.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every value is written one way, whatever the machine's locale, for the HTML page and the PDF alike. */
class KpiFormatTests {

    @Test
    void writesEachFormatWithGroupedDigits() {
        assertThat(KpiFormat.MONEY_EUR.format(1_234_567.49)).isEqualTo("€ 1,234,567");
        assertThat(KpiFormat.MONEY_EUR.format(-1_234.5)).isEqualTo("-€ 1,235");
        assertThat(KpiFormat.PERCENT.format(0.1234)).isEqualTo("12.3 %");
        assertThat(KpiFormat.PERCENT.format(12.5)).isEqualTo("1,250.0 %");
        assertThat(KpiFormat.COUNT.format(12_345)).isEqualTo("12,345");
        assertThat(KpiFormat.DAYS.format(2.44)).isEqualTo("2.4 days");
    }

    @Test
    void roundsHalvesUpAsTheDecimalsRead() {
        // 2.45 and 0.1235 have no exact binary value: rounding the double would give 2.4 days and 12.3 %
        assertThat(KpiFormat.DAYS.format(2.45)).isEqualTo("2.5 days");
        assertThat(KpiFormat.PERCENT.format(0.1235)).isEqualTo("12.4 %");
        assertThat(KpiFormat.COUNT.format(2.5)).isEqualTo("3");
    }

    @Test
    void aValueThatRoundsToZeroHasNoSign() {
        assertThat(KpiFormat.MONEY_EUR.format(-0.4)).isEqualTo("€ 0");
        assertThat(KpiFormat.DAYS.formatChange(-0.04)).isEqualTo("0.0 days");
        assertThat(KpiFormat.COUNT.formatChange(0)).isEqualTo("0");
    }

    @Test
    void writesChangesWithTheirSignAndSharesInPercentagePoints() {
        assertThat(KpiFormat.MONEY_EUR.formatChange(25_000.4)).isEqualTo("+€ 25,000");
        assertThat(KpiFormat.MONEY_EUR.formatChange(-1_500)).isEqualTo("-€ 1,500");
        assertThat(KpiFormat.PERCENT.formatChange(0.0123)).isEqualTo("+1.2 pp");
        assertThat(KpiFormat.COUNT.formatChange(-1_500)).isEqualTo("-1,500");
        assertThat(KpiFormat.DAYS.formatChange(0.25)).isEqualTo("+0.3 days");
    }

    @Test
    void writesAMissingValueAsAnEnDash() {
        for (var format : KpiFormat.values()) {
            assertThat(format.format(Double.NaN)).isEqualTo("–");
            assertThat(format.formatChange(Double.NaN)).isEqualTo("–");
        }
    }

    @Test
    void ignoresTheMachinesLocale() {
        var machines = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // groups with '.', decimals after ','
            assertThat(KpiFormat.MONEY_EUR.format(1_234_567)).isEqualTo("€ 1,234,567");
            assertThat(KpiFormat.DAYS.format(1_234.5)).isEqualTo("1,234.5 days");
            assertThat(Wording.month(YearMonth.of(2025, 3))).isEqualTo("Mar 2025");
        } finally {
            Locale.setDefault(machines);
        }
    }
}
