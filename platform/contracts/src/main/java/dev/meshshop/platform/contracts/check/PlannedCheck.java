package dev.meshshop.platform.contracts.check;

import java.math.BigDecimal;
import java.util.List;

/** A check as planned before the data is read. */
sealed interface PlannedCheck {

    Header header();

    /** What every result of the check shares. {@code error} is false for rules with a severity below error. */
    record Header(String check, CheckCategory category, String element, boolean error) {

        CheckResult result(CheckStatus status, String measured, String threshold, String detail, String fix) {
            return new CheckResult(check, category, element, status, measured, threshold, detail, fix, Samples.NONE);
        }

        CheckResult skipped(String why) {
            return result(CheckStatus.SKIPPED, "", "", why, "");
        }

        CheckResult failed(String measured, String threshold, String detail, String fix) {
            return result(error ? CheckStatus.FAILED : CheckStatus.WARNING, measured, threshold, detail, fix);
        }
    }

    /** Decides whether the values measured in the data satisfy the contract. */
    @FunctionalInterface
    interface Judge {
        Verdict judge(List<BigDecimal> values);
    }

    record Verdict(boolean passed, String measured, String threshold, String detail, String fix) {}

    /**
     * Which rows to show when the check fails, and which of their columns: rows matching {@code where} (all rows
     * when null) and, when {@code repeatedKeys} is not empty, only rows whose keys occur more than once.
     */
    record SampleRows(String where, List<String> repeatedKeys, List<String> columns) {}

    /** A check decided without reading data: a missing column, a wrong type, a rule that cannot run here. */
    record Decided(Header header, CheckResult result) implements PlannedCheck {}

    /**
     * A check measured by aggregate expressions over the whole relation; checks on one object share one scan.
     * {@code samples} is null when there are no rows to show (such as for a row count).
     */
    record Measured(Header header, List<String> aggregates, Judge judge, SampleRows samples) implements PlannedCheck {}

    /** A quality rule with its own SQL query, which returns one number. */
    record Queried(Header header, String query, Judge judge) implements PlannedCheck {}
}
