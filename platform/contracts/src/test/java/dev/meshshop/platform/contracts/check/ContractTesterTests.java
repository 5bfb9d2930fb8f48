package dev.meshshop.platform.contracts.check;

import static dev.meshshop.platform.contracts.check.SchemaChecksTests.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.TestContracts;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running a whole contract: where the data comes from, how it is read, and how the outcome is reported. */
class ContractTesterTests {

    private static final DataContract ORDERS = TestContracts.withObject(
            """
            name: orders
            properties:
              - name: order_id
                logicalType: string
                required: true
                unique: true
                logicalTypeOptions: {pattern: "^ord-[0-9]+$", maxLength: 12}
              - name: amount
                logicalType: number
                logicalTypeOptions: {minimum: 0}
                quality:
                  - {metric: nullValues, mustBeLessThan: 1, unit: percent}
              - name: status
                logicalType: string
                quality:
                  - {metric: invalidValues, arguments: {validValues: [paid, shipped]}, mustBe: 0}
            quality:
              - {metric: rowCount, mustBeGreaterThan: 0}
            """);

    private TestData data;

    @BeforeEach
    void buildOrders() throws SQLException {
        data = new TestData()
                .sql(
                        """
                CREATE TABLE orders AS SELECT
                  'ord-' || range AS order_id,
                  (range % 100)::DECIMAL(10,2) AS amount,
                  CASE WHEN range % 2 = 0 THEN 'paid' ELSE 'shipped' END AS status
                FROM range(1000)
                """);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        data.close();
    }

    @Test
    void testsATableAndPasses() throws SQLException {
        ContractTestReport report = ContractTester.create().test(data.connection(), "orders", ORDERS);

        assertThat(report.blocks()).isFalse();
        assertThat(report.failures()).isEmpty();
        assertThat(report.contractId()).isEqualTo("test-contract");
        assertThat(report.object()).isEqualTo("orders");
        assertThat(report.checks()).hasSize(11).allMatch(check -> check.status() == CheckStatus.PASSED);
    }

    @Test
    void readsAllAggregatesOfAnObjectInOneQuery() throws SQLException {
        List<String> queries = new ArrayList<>();
        Connection counting = recording(data.connection(), queries);

        ContractTester.create().test(counting, "orders", ORDERS);

        assertThat(queries).hasSize(2);
        assertThat(queries.get(0)).startsWith("DESCRIBE");
        assertThat(queries.get(1)).startsWith("SELECT").contains("count(*)").endsWith("FROM \"orders\"");
    }

    @Test
    void readsOnceForEveryCheckWhenAskedTo() throws SQLException {
        List<String> queries = new ArrayList<>();

        ContractTestReport perCheck = ContractTester.create()
                .withScanMode(ScanMode.PER_CHECK)
                .test(recording(data.connection(), queries), "orders", ORDERS);
        ContractTestReport shared = ContractTester.create().test(data.connection(), "orders", ORDERS);

        assertThat(queries).hasSize(1 + 8);
        assertThat(perCheck.checks()).isEqualTo(shared.checks());
    }

    @Test
    void fetchesFailingRowsOnlyForFailedChecksAndAtMostAsManyAsAsked() throws SQLException {
        data.sql("UPDATE orders SET status = 'lost' WHERE amount < 10");
        List<String> queries = new ArrayList<>();

        ContractTestReport report =
                ContractTester.create().withSampleSize(2).test(recording(data.connection(), queries), "orders", ORDERS);

        CheckResult invalid = result(report, "orders.status", "invalidValues");
        assertThat(invalid.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(invalid.measured()).isEqualTo("100 rows");
        assertThat(invalid.samples().columns()).containsExactly("order_id", "status");
        assertThat(invalid.samples().rows()).containsExactly(List.of("ord-0", "lost"), List.of("ord-1", "lost"));
        assertThat(queries).hasSize(3).last().asString().contains("LIMIT 2");
        assertThat(report.checks())
                .filteredOn(check -> check.status() == CheckStatus.PASSED)
                .allMatch(check -> check.samples().isEmpty());
    }

    @Test
    void runsChecksOneByOneWhenTheSharedQueryFailsSoOnlyTheBrokenOneFails() throws SQLException {
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - name: order_id
                    logicalType: string
                    required: true
                    logicalTypeOptions: {pattern: "^(?=ord-)"}
                """);

        ContractTestReport report = ContractTester.create().test(data.connection(), "orders", contract);

        assertThat(result(report, "orders.order_id", "required").status()).isEqualTo(CheckStatus.PASSED);
        CheckResult pattern = result(report, "orders.order_id", "logicalTypeOptions.pattern");
        assertThat(pattern.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(pattern.detail()).startsWith("the check could not run:");
    }

    @Test
    void testsParquetFiles(@TempDir Path directory) throws SQLException {
        String first = directory.resolve("part-0.parquet").toString();
        String second = directory.resolve("part-1.parquet").toString();
        data.sql("COPY (SELECT * FROM orders WHERE amount < 50) TO '" + first + "' (FORMAT parquet);"
                + "COPY (SELECT 'bad id' AS order_id, -1.0::DECIMAL(10,2) AS amount, 'paid' AS status) TO '"
                + second + "' (FORMAT parquet)");

        ContractTestReport report = ContractTester.create()
                .testParquet(directory.resolve("*.parquet").toString(), ORDERS);

        assertThat(report.relation()).endsWith("*.parquet");
        assertThat(report.failures())
                .extracting(CheckResult::check)
                .containsExactly("logicalTypeOptions.pattern", "logicalTypeOptions.minimum");
        assertThat(result(report, "orders", "rowCount").measured()).isEqualTo("501 rows");
    }

    @Test
    void testsTheObjectNamedLikeTheRelation() throws SQLException, IOException {
        DataContract contract = DataContracts.parse(
                TestContracts.document(
                        "1.0.0",
                        "name: orders\nproperties:\n  - {name: order_id, required: true}",
                        """
                          - name: customers
                            properties:
                              - {name: customer_id, required: true}
                        """),
                "two objects");
        data.sql("CREATE TABLE customers AS SELECT 'c-1' AS customer_id");

        assertThat(ContractTester.create()
                        .test(data.connection(), "customers", contract)
                        .object())
                .isEqualTo("customers");
        assertThat(ContractTester.create()
                        .test(data.connection(), "customers", contract, "customers")
                        .checks())
                .extracting(CheckResult::element)
                .containsOnly("customers.customer_id");
        assertThatThrownBy(() -> ContractTester.create().test(data.connection(), "orders_v2", contract))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("contract test-contract has the objects orders, customers; name the one the data holds");
    }

    @Test
    void rendersAReportForPeopleAndForTools() throws SQLException, IOException {
        data.sql("UPDATE orders SET amount = NULL WHERE order_id IN ('ord-1', 'ord-2', 'ord-3', 'ord-4', "
                + "'ord-5', 'ord-6', 'ord-7', 'ord-8', 'ord-9', 'ord-10', 'ord-11')");

        ContractTestReport report = ContractTester.create().test(data.connection(), "orders", ORDERS);

        assertThat(report.toText())
                .startsWith("Contract test-contract 1.0.0, object orders, data orders: FAILED (10 passed, 1 failed,"
                        + " 0 warning(s), 0 skipped)")
                .contains("STATUS  CATEGORY  ELEMENT")
                .contains("failed  quality   orders.amount    nullValues")
                .contains("FAILED orders.amount nullValues: nullValues is 1.1 % (11 rows), the contract expects"
                        + " mustBeLessThan 1 %")
                .contains("  fix: correct the data at its source")
                .contains("    order_id  amount")
                .contains("    ord-1     NULL");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("summary").path("failed").asInt()).isEqualTo(1);
        JsonNode failed = json.path("checks").get(7);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("samples").path("rows")).hasSize(5);
        assertThat(failed.has("failure")).isFalse();
    }

    /** A connection that records the SQL of every query run on it. */
    private static Connection recording(Connection connection, List<String> queries) {
        return (Connection) Proxy.newProxyInstance(
                ContractTesterTests.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    if (result instanceof Statement statement) {
                        return recording(statement, queries);
                    }
                    return result;
                });
    }

    private static Statement recording(Statement statement, List<String> queries) {
        return (Statement) Proxy.newProxyInstance(
                ContractTesterTests.class.getClassLoader(), new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("executeQuery")) {
                        queries.add(((String) args[0]).strip());
                    }
                    return invoke(method, statement, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
