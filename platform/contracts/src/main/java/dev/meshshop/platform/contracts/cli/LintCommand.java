package dev.meshshop.platform.contracts.cli;

import dev.meshshop.platform.contracts.lint.ContractLinter;
import dev.meshshop.platform.contracts.lint.LintReport;
import dev.meshshop.platform.contracts.lint.ProductDescriptorLinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "lint",
        description = "Checks contracts against ODCS v3.0.x/v3.1.0, and product descriptors (kind: DataProduct) against"
                + " ODPS v1.0.0, and reports every problem with its line, column and fix.",
        exitCodeList = {
            "0:every file is valid",
            "1:a file has errors (or warnings, with --strict)",
            "2:usage error, or a file cannot be read"
        })
final class LintCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "CONTRACT",
            description = "*.odcs.yaml contracts or descriptor.yaml files to lint.")
    private List<Path> contracts;

    @Option(names = "--strict", description = "Fail on warnings too.")
    private boolean strict;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Override
    public Integer call() throws IOException {
        List<LintReport> reports = new ArrayList<>();
        for (Path contract : contracts) {
            String yaml = Files.readString(contract, StandardCharsets.UTF_8);
            reports.add(
                    ProductDescriptorLinter.isDescriptor(yaml)
                            ? ProductDescriptorLinter.lint(yaml, contract.toString())
                            : ContractLinter.lint(yaml, contract.toString()));
        }
        if (format == OutputFormat.JSON) {
            spec.commandLine().getOut().println(LintReport.toJson(reports));
        } else {
            reports.forEach(report -> spec.commandLine().getOut().println(report.toText()));
        }
        boolean failed = reports.stream()
                .anyMatch(report ->
                        report.hasErrors() || (strict && !report.warnings().isEmpty()));
        return failed ? ExitCode.VIOLATIONS : ExitCode.PASSED;
    }
}
