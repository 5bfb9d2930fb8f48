package dev.meshshop.platform.contracts.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.contracts.Fixtures;
import dev.meshshop.platform.contracts.TestContracts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractCliTests {

    private static final String ORDERS =
            """
            name: orders
            properties:
              - {name: order_id, logicalType: string, required: true, unique: true}
              - name: amount
                logicalType: number
                logicalTypeOptions: {minimum: 0}
            """;

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ContractCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void showsHelpForTheCommandAndEachSubcommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: contract [-hV] [COMMAND]", "lint", "test", "diff", "2   usage");
        assertThat(run("test", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: contract test", "--duckdb=FILE", "--relation=NAME");
    }

    @Test
    void exitsWithUsageErrorWithoutACommandOrWithAnUnknownOption() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("name a command: lint, test or diff");
        assertThat(run("lint", "--colour", "x.odcs.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--colour'");
    }

    @Nested
    class Lint {

        @Test
        void passesValidContracts() {
            assertThat(run("lint", fixture("valid/minimal.odcs.yaml"), fixture("valid/kafka-topic.odcs.yaml")))
                    .isZero();
            assertThat(out.toString()).contains("minimal.odcs.yaml: valid (0 error(s), 0 warning(s))");
        }

        @Test
        void failsOnErrorsAndPrintsEachWithItsPosition() {
            assertThat(run("lint", fixture("invalid/quality-unit.odcs.yaml"))).isEqualTo(1);
            assertThat(out.toString())
                    .contains("quality-unit.odcs.yaml:14:13: error [quality-unit] schema[0].properties[0].quality[0]"
                            + ".unit: 'percnt' is not a unit of library metrics. Fix: did you mean 'percent'?");
        }

        @Test
        void lintsProductDescriptorsAgainstTheProductStandard() throws IOException {
            Path valid = Files.writeString(
                    directory.resolve("descriptor.yaml"),
                    dev.meshshop.platform.contracts.lint.ProductDescriptorLinterTests.VALID);
            Path old = Files.writeString(
                    directory.resolve("old-descriptor.yaml"),
                    "id: checkout.orders\nkind: DataProduct\nowner: checkout-team\n");

            assertThat(run("lint", valid.toString())).isZero();
            assertThat(out.toString()).contains("descriptor.yaml: valid (0 error(s), 0 warning(s))");
            assertThat(run("lint", old.toString())).isEqualTo(1);
            assertThat(out.toString())
                    .contains("old-descriptor.yaml:3:1: error [structure] owner: 'owner' is not a field the standard"
                            + " defines. Fix: name the owner team in team.name (team: {name: <domain>-team})");
        }

        @Test
        void failsOnWarningsOnlyWhenStrict() {
            assertThat(run("lint", fixture("invalid/warnings-only.odcs.yaml"))).isZero();
            assertThat(run("lint", "--strict", fixture("invalid/warnings-only.odcs.yaml")))
                    .isEqualTo(1);
        }

        @Test
        void writesJsonForTools() throws IOException {
            assertThat(run(
                            "lint",
                            "--format",
                            "json",
                            fixture("valid/minimal.odcs.yaml"),
                            fixture("invalid/relationship.odcs.yaml")))
                    .isEqualTo(1);
            JsonNode reports = new ObjectMapper().readTree(out.toString());
            assertThat(reports).hasSize(2);
            assertThat(reports.get(1).path("findings").get(0).path("rule").asText())
                    .isEqualTo("relationship");
        }

        @Test
        void exitsWithInputErrorForAMissingFile() {
            assertThat(run("lint", directory.resolve("absent.odcs.yaml").toString()))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("No such file: ").contains("absent.odcs.yaml");
        }
    }

    @Nested
    class Test_ {

        private String contract;
        private String orders;

        @BeforeEach
        void writeContractAndData() throws IOException, SQLException {
            contract = write("orders.odcs.yaml", TestContracts.document("1.0.0", ORDERS, ""));
            orders = directory.resolve("orders.parquet").toString();
            sql("COPY (SELECT 'ord-' || range AS order_id, range * 1.5 AS amount FROM range(10)) TO '" + orders
                    + "' (FORMAT parquet)");
        }

        @Test
        void passesParquetFilesThatFulfilTheContract() {
            assertThat(run("test", contract, orders)).isZero();
            assertThat(out.toString())
                    .startsWith("Contract test-contract 1.0.0, object orders, data " + orders
                            + ": PASSED (5 passed, 0 failed, 0 warning(s), 0 skipped)");
        }

        @Test
        void failsParquetFilesThatBreakTheContractAndShowsTheRows() throws SQLException {
            String bad = directory.resolve("bad.parquet").toString();
            sql("COPY (SELECT 'ord-x' AS order_id, -1.0 AS amount) TO '" + bad + "' (FORMAT parquet)");

            assertThat(run("test", "--samples", "1", contract, orders, bad)).isEqualTo(1);
            assertThat(out.toString())
                    .contains("FAILED orders.amount logicalTypeOptions.minimum: 1 row below 0")
                    .contains("order_id  amount")
                    .contains("ord-x     -1.0");
        }

        @Test
        void testsATableInADuckDbFile() throws SQLException {
            Path database = directory.resolve("checkout.duckdb");
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE orders AS SELECT * FROM read_parquet('" + orders + "')");
            }

            assertThat(run("test", contract, "--duckdb", database.toString(), "--relation", "orders"))
                    .isZero();
        }

        @Test
        void judgesServiceLevelsAsOfTheInstantGiven() throws IOException, SQLException {
            String fresh = write(
                    "fresh.odcs.yaml",
                    TestContracts.document(
                            "1.0.0",
                            """
                            name: orders
                            properties:
                              - {name: order_id, logicalType: string}
                              - {name: updated_at, logicalType: timestamp}
                            """,
                            "slaProperties:\n  - {property: freshness, value: 1, unit: d, element: orders.updated_at}"));
            String yearEnd = directory.resolve("year-end.parquet").toString();
            sql("COPY (SELECT 'ord-1' AS order_id, TIMESTAMP '2025-12-31 18:00:00' AS updated_at) TO '" + yearEnd
                    + "' (FORMAT parquet)");

            assertThat(run("test", fresh, yearEnd))
                    .as("judged now, long after the year's end")
                    .isEqualTo(1);
            assertThat(out.toString()).contains("FAILED orders.updated_at freshness");
            assertThat(run("test", "--as-of", "2026-01-01T00:00:00Z", fresh, yearEnd))
                    .as(out.toString())
                    .isZero();
            assertThat(run("test", "--as-of", "2026-01-01", fresh, yearEnd)).isZero();
            assertThat(run("test", "--as-of", "2026-01-03T00:00:00+01:00", fresh, yearEnd))
                    .isEqualTo(1);
        }

        @Test
        void refusesAnInstantItCannotReadSayingHowToWriteOne() {
            assertThat(run("test", "--as-of", "yesterday", contract, orders)).isEqualTo(2);
            assertThat(err.toString())
                    .contains("--as-of")
                    .contains("'yesterday' is not an instant: write it in ISO 8601 with its offset, such as"
                            + " 2026-01-01T00:00:00Z, or a date such as 2026-01-01 (midnight UTC)");
            assertThat(run("test", "--as-of", "2026-01-01T00:00:00", contract, orders))
                    .isEqualTo(2);
        }

        @Test
        void writesJsonForTools() throws IOException {
            assertThat(run("test", "--format=json", contract, orders)).isZero();
            JsonNode report = new ObjectMapper().readTree(out.toString());
            assertThat(report.path("passed").asBoolean()).isTrue();
            assertThat(report.path("checks")).hasSize(5);
        }

        @Test
        void exitsWithInputErrorForAnInvalidContract() throws IOException {
            String invalid = write("invalid.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\n");

            assertThat(run("test", invalid, orders)).isEqualTo(2);
            assertThat(err.toString())
                    .contains("The contract is invalid, fix it first:")
                    .contains("missing required field 'id'");
        }

        @Test
        void exitsWithInputErrorForMissingData() {
            assertThat(run(
                            "test",
                            contract,
                            directory.resolve("absent/*.parquet").toString()))
                    .isEqualTo(2);
            assertThat(err.toString()).startsWith("Cannot read the data: ");
            assertThat(run(
                            "test",
                            contract,
                            "--duckdb",
                            directory.resolve("absent.duckdb").toString(),
                            "--relation",
                            "orders"))
                    .isEqualTo(2);
        }

        @Test
        void exitsWithUsageErrorWithoutData() {
            assertThat(run("test", contract)).isEqualTo(2);
            assertThat(run("test", contract, "--duckdb", "x.duckdb")).isEqualTo(2);
            assertThat(err.toString())
                    .contains("Give the data as PARQUET files, or as --duckdb FILE with --relation NAME");
        }
    }

    @Nested
    class Diff {

        @Test
        void passesACompatibleChange() throws IOException {
            String previous = write("v1.odcs.yaml", TestContracts.document("1.0.0", ORDERS, ""));
            String current = write(
                    "v1.1.odcs.yaml",
                    TestContracts.document("1.1.0", ORDERS + "  - {name: note, logicalType: string}\n", ""));

            assertThat(run("diff", previous, current)).isZero();
            assertThat(out.toString())
                    .isEqualTo(
                            """
                            Contract test-contract 1.0.0 -> 1.1.0: 0 breaking, 1 compatible change(s)
                              compatible orders.note: optional property added
                            """);
        }

        @Test
        void failsABreakingChangeWithoutANewMajorVersion() throws IOException {
            String previous = write("v1.odcs.yaml", TestContracts.document("1.0.0", ORDERS, ""));
            String current = write(
                    "v1.1.odcs.yaml",
                    TestContracts.document(
                            "1.1.0",
                            ORDERS.replace("unique: true", "unique: true, minLength: 1")
                                    .replace(
                                            "{name: order_id, logicalType: string, required: true, unique: true, minLength: 1}",
                                            "{name: order_id, logicalType: integer, required: true, unique: true}"),
                            ""));

            assertThat(run("diff", "--format", "JSON", previous, current)).isEqualTo(1);
            assertThat(out.toString()).contains("\"passed\" : false", "orders.order_id.logicalType");
        }

        @Test
        void theExamplePairTheReadmeDiffsIsValidAndBreaksConsumersInANewMajorVersion() throws IOException {
            Path examples = Path.of("../../docs/examples");
            String previous = examples.resolve("orders-1.0.0.odcs.yaml").toString();
            String current = examples.resolve("orders-2.0.0.odcs.yaml").toString();

            assertThat(run("lint", previous, current)).isZero();
            assertThat(run("diff", previous, current)).isZero();
            assertThat(out.toString())
                    .contains(
                            "Contract example.orders 1.0.0 -> 2.0.0: 2 breaking, 2 compatible change(s), released as"
                                    + " a new major version",
                            "breaking   orders.total: property removed");
            String sameMajor = write(
                    "orders-1.1.0.odcs.yaml",
                    Files.readString(Path.of(current)).replace("version: 2.0.0", "version: 1.1.0"));
            assertThat(run("diff", previous, sameMajor)).isEqualTo(1);
        }

        @Test
        void exitsWithInputErrorForAMissingContract() throws IOException {
            String previous = write("v1.odcs.yaml", TestContracts.document("1.0.0", ORDERS, ""));

            assertThat(run("diff", previous, directory.resolve("v2.odcs.yaml").toString()))
                    .isEqualTo(2);
        }
    }

    private String write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text).toString();
    }

    private static String fixture(String name) {
        return Fixtures.path(name).toString();
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
