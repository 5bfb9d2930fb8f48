package dev.meshshop.platform.contracts.junit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meshshop.platform.contracts.check.CheckResult;
import dev.meshshop.platform.contracts.check.ContractTestReport;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.diff.Change;
import dev.meshshop.platform.contracts.diff.ContractDiff;
import dev.meshshop.platform.contracts.diff.DiffReport;
import dev.meshshop.platform.contracts.lint.ContractLinter;
import dev.meshshop.platform.contracts.lint.LintFinding;
import dev.meshshop.platform.contracts.lint.LintReport;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * JUnit 5 assertions for data products: their contract is valid, their data fulfils it, and a change to it keeps
 * faith with the last published version. Failures name the check, the field and the fix.
 *
 * <pre>{@code
 * @Test
 * void ordersFulfilTheirContract() {
 *     ContractAssertions.assertFulfilsContract(connection, "orders", Path.of("contracts/orders.odcs.yaml"));
 * }
 * }</pre>
 */
public final class ContractAssertions {

    private ContractAssertions() {}

    /** Asserts that the contract lints without errors, and returns it. */
    public static DataContract assertValidContract(Path contract) {
        LintReport report = lint(contract);
        if (report.hasErrors()) {
            fail("Contract " + contract + " is invalid:\n"
                    + report.errors().stream().map(ContractAssertions::describe).collect(Collectors.joining("\n")));
        }
        return report.contract().orElseThrow();
    }

    /** Asserts that a DuckDB table or view fulfils the contract in the given file. */
    public static ContractTestReport assertFulfilsContract(Connection connection, String relation, Path contract) {
        return assertFulfilsContract(connection, relation, assertValidContract(contract));
    }

    /** Asserts that a DuckDB table or view fulfils the contract: no check with severity error fails. */
    public static ContractTestReport assertFulfilsContract(
            Connection connection, String relation, DataContract contract) {
        try {
            return fulfilled(ContractTester.create().test(connection, relation, contract));
        } catch (SQLException e) {
            return fail("Cannot read " + relation + " to test it against contract " + contract.id(), e);
        }
    }

    /** Asserts that Parquet files (a path or a glob) fulfil the contract in the given file. */
    public static ContractTestReport assertParquetFulfilsContract(String pathOrGlob, Path contract) {
        DataContract valid = assertValidContract(contract);
        try {
            return fulfilled(ContractTester.create().testParquet(pathOrGlob, valid));
        } catch (SQLException e) {
            return fail("Cannot read " + pathOrGlob + " to test it against contract " + valid.id(), e);
        }
    }

    /**
     * Asserts that the current contract may replace the published one: it has no breaking change, or it has a new
     * major version (and so becomes a new output port).
     */
    public static DiffReport assertCompatibleWith(Path published, Path current) {
        DiffReport report = ContractDiff.compare(assertValidContract(published), assertValidContract(current));
        if (report.blocks()) {
            List<Change> breaking = report.breakingChanges();
            String changes = breaking.stream()
                    .map(change -> "- " + change.path() + ": " + change.description())
                    .collect(Collectors.joining("\n"));
            fail(String.format(
                    "Contract %s %s has %d breaking change(s) since %s but keeps the major version:%n%s%n"
                            + "Fix: make the change(s) compatible, or publish the contract with a new major version"
                            + " (a new output port for the new shape)",
                    report.contractId(), report.currentVersion(), breaking.size(), report.previousVersion(), changes));
        }
        return report;
    }

    private static ContractTestReport fulfilled(ContractTestReport report) {
        if (report.blocks()) {
            List<CheckResult> failures = report.failures();
            fail("%s does not fulfil contract %s %s (object %s): %d check(s) failed%n%s"
                    .formatted(
                            report.relation(),
                            report.contractId(),
                            report.contractVersion(),
                            report.object(),
                            failures.size(),
                            failures.stream().map(ContractAssertions::describe).collect(Collectors.joining("\n"))));
        }
        return report;
    }

    /** {@code - required on orders.customer_id: 3 rows without a value. Fix: ... Failing rows: ...}. */
    private static String describe(CheckResult failure) {
        StringBuilder text = new StringBuilder("- ")
                .append(failure.check())
                .append(" on ")
                .append(failure.element())
                .append(": ")
                .append(failure.detail())
                .append("\n  Fix: ")
                .append(failure.fix());
        if (!failure.samples().isEmpty()) {
            text.append("\n  Failing rows: ");
            text.append(failure.samples().rows().stream()
                    .map(row -> IntStream.range(0, row.size())
                            .mapToObj(i -> failure.samples().columns().get(i) + "=" + row.get(i))
                            .collect(Collectors.joining(", ", "(", ")")))
                    .collect(Collectors.joining(" ")));
        }
        return text.toString();
    }

    private static String describe(LintFinding finding) {
        return "- line %d: %s: %s%n  Fix: %s"
                .formatted(finding.line(), finding.path(), finding.message(), finding.fix());
    }

    private static LintReport lint(Path contract) {
        try {
            return ContractLinter.lint(contract);
        } catch (IOException e) {
            return fail("Cannot read contract " + contract, e);
        }
    }
}
