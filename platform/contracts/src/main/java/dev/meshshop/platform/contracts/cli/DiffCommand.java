package dev.meshshop.platform.contracts.cli;

import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.diff.ContractDiff;
import dev.meshshop.platform.contracts.diff.DiffReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        description = "Lists the changes from one version of a contract to the next, each breaking or compatible.",
        exitCodeList = {
            "0:no breaking change, or breaking changes in a new major version",
            "1:a breaking change without a new major version",
            "2:usage error, or a contract cannot be read"
        })
final class DiffCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PREVIOUS", description = "The last published contract.")
    private Path previous;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The new version of the contract.")
    private Path current;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Override
    public Integer call() throws IOException {
        DiffReport report = ContractDiff.compare(DataContracts.load(previous), DataContracts.load(current));
        spec.commandLine().getOut().print(format == OutputFormat.JSON ? report.toJson() + "\n" : report.toText());
        return report.blocks() ? ExitCode.VIOLATIONS : ExitCode.PASSED;
    }
}
