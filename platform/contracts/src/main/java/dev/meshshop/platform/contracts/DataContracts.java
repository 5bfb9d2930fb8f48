package dev.meshshop.platform.contracts;

import dev.meshshop.platform.contracts.lint.ContractLinter;
import dev.meshshop.platform.contracts.lint.LintReport;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads ODCS contracts into the typed model. Only valid contracts are returned: a contract with lint errors
 * throws {@link InvalidContractException} carrying every finding.
 */
public final class DataContracts {

    private DataContracts() {}

    /** Reads and lints a {@code *.odcs.yaml} file. */
    public static DataContract load(Path file) throws IOException {
        return valid(ContractLinter.lint(file));
    }

    /** Reads and lints contract text; {@code source} names it in error messages. */
    public static DataContract parse(String yaml, String source) {
        return valid(ContractLinter.lint(yaml, source));
    }

    private static DataContract valid(LintReport report) {
        return report.contract().orElseThrow(() -> new InvalidContractException(report));
    }
}
