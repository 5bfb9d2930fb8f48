package dev.meshshop.platform.contracts;

import dev.meshshop.platform.contracts.lint.LintReport;

/** A contract that was asked for as a model has errors; the report lists them. */
public final class InvalidContractException extends RuntimeException {

    private final transient LintReport report;

    public InvalidContractException(LintReport report) {
        super(report.toText());
        this.report = report;
    }

    public LintReport report() {
        return report;
    }
}
