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
        return lint(
                yaml,
                source,
                "(contract)",
                (document, findings) -> {
                    SchemaValidation.ODCS.validate(document, findings);
                    SemanticRules.check(document, findings);
                },
                true);
    }

    /** The checks of one standard on a document that could be read as YAML. */
    interface Checks {
        void check(YamlDocument document, Findings findings);
    }

    /**
     * Reads {@code yaml} and runs {@code checks} on it; a document that is not YAML at all gets one finding at the
     * position the reader stopped. With {@code readContract}, a document without errors is also read into the typed
     * contract.
     */
    static LintReport lint(String yaml, String source, String root, Checks checks, boolean readContract) {
        YamlDocument document;
        try {
            document = YamlDocument.parse(yaml);
        } catch (SyntaxError e) {
            LintFinding finding = new LintFinding(
                    source,
                    e.position().line(),
                    e.position().column(),
                    root,
                    LintFinding.Severity.ERROR,
                    "yaml",
                    "cannot read the YAML: " + e.getMessage(),
                    "correct the YAML syntax at this position");
            return new LintReport(source, List.of(finding), null);
        }
        Findings findings = new Findings(source, document, root);
        checks.check(document, findings);
        List<LintFinding> sorted = findings.sorted();
        boolean typed = readContract && sorted.stream().noneMatch(LintFinding::isError);
        return new LintReport(source, sorted, typed ? ContractMapper.contract(document.root()) : null);
    }
}
