package dev.meshshop.platform.storage;

import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.lint.ContractLinter;
import java.sql.SQLException;
import java.time.Clock;

/**
 * The publish gate every output port passes: its contract must lint clean, and the staged data must fulfil
 * it. A failing check of severity error blocks the publish; warnings are recorded and let it through.
 */
public final class ContractGate implements PublishGate {

    private final Clock clock;

    public ContractGate(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Audit audit(StagedSnapshot staged) throws SQLException {
        String source = staged.product().id() + "/" + staged.port().outputPort().contract();
        var lint = ContractLinter.lint(staged.port().contractYaml(), source);
        if (lint.hasErrors() || lint.contract().isEmpty()) {
            return new Audit(
                    "contract",
                    true,
                    "The contract of " + staged.product().id() + " is not valid ODCS; fix it before publishing:\n"
                            + lint.toText(),
                    lint.toJson());
        }
        var contract = lint.contract().orElseThrow();
        String object = contract.schema().size() == 1
                ? null
                : staged.port().outputPort().name();
        var report = ContractTester.create()
                .withClock(clock)
                .testParquet(staged.dataFile().toString(), contract, object);
        return new Audit(
                "contract",
                report.blocks(),
                report.blocks()
                        ? "The data of " + staged.product().id() + " breaks its contract " + contract.version() + ":\n"
                                + report.toText()
                        : report.checks().size() + " contract checks passed, "
                                + report.warnings().size() + " with warnings",
                report.toJson());
    }
}
