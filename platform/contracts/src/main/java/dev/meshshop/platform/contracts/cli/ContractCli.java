package dev.meshshop.platform.contracts.cli;

import dev.meshshop.platform.contracts.InvalidContractException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code contract lint | test | diff}: the command line of the contracts module.
 *
 * <pre>
 * java -jar mesh-contracts-&lt;version&gt;-cli.jar lint contracts/*.odcs.yaml
 * java -jar mesh-contracts-&lt;version&gt;-cli.jar test orders.odcs.yaml 'mesh/checkout/orders/v1/*.parquet'
 * java -jar mesh-contracts-&lt;version&gt;-cli.jar diff published/orders.odcs.yaml orders.odcs.yaml
 * </pre>
 */
@Command(
        name = "contract",
        description = "Lints ODCS data contracts, tests data against them, and finds breaking changes.",
        mixinStandardHelpOptions = true,
        versionProvider = ContractCli.Version.class,
        scope = CommandLine.ScopeType.INHERIT,
        subcommands = {LintCommand.class, TestCommand.class, DiffCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:passed",
            "1:violations (lint errors, failed checks, breaking change without a new major version)",
            "2:usage or input error"
        })
public final class ContractCli implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // The JSON Schema validator logs through SLF4J; a command line has no logging backend to configure.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line, writing reports to {@code out} and problems to {@code err}; returns the exit code. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new ContractCli())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, command, parseResult) -> {
                    command.getErr().println(message(exception));
                    return ExitCode.USAGE_OR_INPUT_ERROR;
                });
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: lint, test or diff");
    }

    /** What went wrong with an input, in a sentence. */
    private static String message(Exception exception) {
        if (exception instanceof InvalidContractException invalid) {
            return "The contract is invalid, fix it first:\n" + invalid.report().toText();
        }
        if (exception instanceof NoSuchFileException missing) {
            return "No such file: " + missing.getFile();
        }
        if (exception instanceof IOException io) {
            return "Cannot read " + io.getMessage();
        }
        if (exception instanceof SQLException sql) {
            return "Cannot read the data: "
                    + sql.getMessage().lines().findFirst().orElse("");
        }
        return exception.getMessage();
    }

    /** The version of the jar, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ContractCli.class.getPackage().getImplementationVersion();
            return new String[] {"contract " + (version == null ? "(development build)" : version)};
        }
    }
}
