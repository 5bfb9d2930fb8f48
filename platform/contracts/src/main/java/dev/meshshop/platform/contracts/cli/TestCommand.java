package dev.meshshop.platform.contracts.cli;

import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.check.ContractTestReport;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(
        name = "test",
        description = {
            "Tests data against a contract: schema, quality rules and service levels.",
            "The data is Parquet files (paths or quoted globs), or a table or view in a DuckDB file."
        },
        exitCodeList = {
            "0:the data fulfils the contract",
            "1:a check with severity error failed",
            "2:usage error, or the contract or the data cannot be read"
        })
final class TestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTRACT", description = "The *.odcs.yaml contract.")
    private Path contract;

    @Parameters(
            index = "1..*",
            arity = "0..*",
            paramLabel = "PARQUET",
            description = "Parquet files or globs, such as 'mesh/checkout/orders/v1/*.parquet'.")
    private List<String> parquet = List.of();

    @Option(names = "--duckdb", paramLabel = "FILE", description = "A DuckDB database file, instead of Parquet files.")
    private Path duckdb;

    @Option(
            names = "--relation",
            paramLabel = "NAME",
            description = "The table or view in the DuckDB file, such as orders or main.orders.")
    private String relation;

    @Option(
            names = "--object",
            paramLabel = "NAME",
            description = "The contract object the data holds, when the contract has several"
                    + " (default: the object named like the relation, or the only one).")
    private String object;

    @Option(
            names = "--samples",
            defaultValue = "5",
            paramLabel = "ROWS",
            description = "Failing rows to show per failed check (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    @Option(
            names = "--as-of",
            paramLabel = "INSTANT",
            converter = AsOf.class,
            description = "The instant service levels such as freshness are judged at, in ISO 8601 (UTC), such as"
                    + " 2026-01-01T00:00:00Z or 2026-01-01 (default: now).")
    private Instant asOf;

    @Override
    public Integer call() throws IOException, SQLException {
        boolean fromDuckDb = duckdb != null || relation != null;
        if (fromDuckDb == !parquet.isEmpty() || (fromDuckDb && (duckdb == null || relation == null))) {
            throw new ParameterException(
                    spec.commandLine(), "Give the data as PARQUET files, or as --duckdb FILE with --relation NAME");
        }
        DataContract contract = DataContracts.load(this.contract);
        ContractTester tester = ContractTester.create().withSampleSize(samples);
        if (asOf != null) {
            tester = tester.withClock(Clock.fixed(asOf, ZoneOffset.UTC));
        }
        ContractTestReport report =
                fromDuckDb ? testDuckDb(tester, contract) : tester.testParquet(parquet, contract, object);
        spec.commandLine().getOut().print(format == OutputFormat.JSON ? report.toJson() + "\n" : report.toText());
        return report.blocks() ? ExitCode.VIOLATIONS : ExitCode.PASSED;
    }

    /** Opens the DuckDB file read-only, so that testing never changes the data nor waits for a writer's lock. */
    private ContractTestReport testDuckDb(ContractTester tester, DataContract contract)
            throws IOException, SQLException {
        if (!Files.exists(duckdb)) {
            throw new NoSuchFileException(duckdb.toString());
        }
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + duckdb, readOnly)) {
            return object == null
                    ? tester.test(connection, relation, contract)
                    : tester.test(connection, relation, contract, object);
        }
    }

    /** Reads an instant, or a date as its start in UTC, and says how to write one when it is neither. */
    static final class AsOf implements ITypeConverter<Instant> {

        @Override
        public Instant convert(String value) {
            try {
                return value.length() == "yyyy-MM-dd".length()
                        ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an instant: write it in ISO 8601 with its"
                        + " offset, such as 2026-01-01T00:00:00Z, or a date such as 2026-01-01 (midnight UTC)");
            }
        }
    }
}
