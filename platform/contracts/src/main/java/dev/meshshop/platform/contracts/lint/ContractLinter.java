package dev.meshshop.platform.contracts.lint;

import dev.meshshop.platform.contracts.lint.YamlDocument.SyntaxError;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lints ODCS v3.0.x and v3.1.0 contracts: reports every problem at once, each with its line, column, path,
 * what is wrong and how to fix it.
 *
 * <p>The structure is checked against Mesh Shop's JSON Schema of the standard; the rules a schema cannot
 * express are checked in Java (see the module README for the list). A contract without errors is also read
 * into the typed {@link DataContract} model, available from {@link LintReport#contract()}.
 */
public final class ContractLinter {

    private ContractLinter() {}

    /** Lints a {@code *.odcs.yaml} file; findings name it by the path given. */
    public static LintReport lint(Path file) throws IOException {
        return lint(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Lints contract text; {@code source} names it in findings (a file name, a URL, a test name). */
    public static LintReport lint(String yaml, String source) {
        YamlDocument document;
        try {
            document = YamlDocument.parse(yaml);
        } catch (SyntaxError e) {
            LintFinding finding = new LintFinding(
                    source,
                    e.position().line(),
                    e.position().column(),
                    "(contract)",
                    LintFinding.Severity.ERROR,
                    "yaml",
                    "cannot read the YAML: " + e.getMessage(),
                    "correct the YAML syntax at this position");
            return new LintReport(source, List.of(finding), null);
        }
        Findings findings = new Findings(source, document);
        SchemaValidation.validate(document, findings);
        SemanticRules.check(document, findings);
        List<LintFinding> sorted = findings.sorted();
        boolean valid = sorted.stream().noneMatch(LintFinding::isError);
        return new LintReport(source, sorted, valid ? ContractMapper.contract(document.root()) : null);
    }
}
