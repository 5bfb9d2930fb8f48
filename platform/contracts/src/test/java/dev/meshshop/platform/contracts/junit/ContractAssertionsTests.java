package dev.meshshop.platform.contracts.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.contracts.Fixtures;
import dev.meshshop.platform.contracts.TestContracts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The assertions domain tests use, seen from a domain test. */
class ContractAssertionsTests {

    private static final String ORDERS =
            """
            name: orders
            properties:
              - {name: order_id, logicalType: string, primaryKey: true}
              - {name: customer_id, logicalType: string, required: true}
              - name: amount
                logicalType: number
                quality:
                  - {metric: nullValues, mustBe: 0, severity: warning}
            """;

    @TempDir
    Path directory;

    private Connection connection;
    private Path contract;

    @BeforeEach
    void buildOrders() throws SQLException, IOException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        sql("CREATE TABLE orders AS SELECT 'ord-' || range AS order_id, 'c-' || range AS customer_id,"
                + " CASE WHEN range = 0 THEN NULL ELSE range END AS amount FROM range(10)");
        contract = write("orders.odcs.yaml", "1.0.0", ORDERS);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        connection.close();
    }

    @Test
    void passesDataThatFulfilsItsContractDespiteWarnings() {
        var report = ContractAssertions.assertFulfilsContract(connection, "orders", contract);

        assertThat(report.warnings()).extracting(check -> check.check()).containsExactly("nullValues");
    }

    @Test
    void failsNamingTheCheckTheFieldTheFixAndTheRows() throws SQLException {
        sql("UPDATE orders SET customer_id = NULL WHERE order_id = 'ord-3'");

        assertThatThrownBy(() -> ContractAssertions.assertFulfilsContract(connection, "orders", contract))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(
                        """
                        orders does not fulfil contract test-contract 1.0.0 (object orders): 1 check(s) failed
                        - required on orders.customer_id: 1 row without a value
                          Fix: make the producer always set customer_id, or declare it required: false
                          Failing rows: (order_id=ord-3, customer_id=null)""");
    }

    @Test
    void testsParquetFiles() throws SQLException {
        String parquet = directory.resolve("orders.parquet").toString();
        sql("COPY orders TO '" + parquet + "' (FORMAT parquet)");

        assertThat(ContractAssertions.assertParquetFulfilsContract(parquet, contract)
                        .blocks())
                .isFalse();
    }

    @Test
    void failsWhenTheDataCannotBeRead() {
        assertThatThrownBy(() -> ContractAssertions.assertFulfilsContract(connection, "order", contract))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("Cannot read order to test it against contract test-contract");
    }

    @Test
    void acceptsAValidContractAndRejectsAnInvalidOneWithEveryError() {
        assertThat(ContractAssertions.assertValidContract(Fixtures.path("valid/minimal.odcs.yaml"))
                        .id())
                .isEqualTo("minimal");
        assertThatThrownBy(() -> ContractAssertions.assertValidContract(Fixtures.path("invalid/sla-unit.odcs.yaml")))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("is invalid:")
                .hasMessageContaining("- line 12: slaProperties[0]: latency is an amount of time but has no unit")
                .hasMessageContaining("  Fix: add a unit, such as unit: d (days) or unit: h (hours)")
                .hasMessageContaining("- line 17: slaProperties[1].unit: 'fortnights' is not a unit of time");
    }

    @Test
    void acceptsACompatibleChange() throws IOException {
        Path current = write("orders-1.1.odcs.yaml", "1.1.0", ORDERS + "  - {name: coupon, logicalType: string}\n");

        assertThat(ContractAssertions.assertCompatibleWith(contract, current).compatibleChanges())
                .hasSize(1);
    }

    @Test
    void rejectsABreakingChangeThatKeepsTheMajorVersion() throws IOException {
        Path current = write(
                "orders-1.1.odcs.yaml", "1.1.0", ORDERS.replace("required: true", "required: true, unique: true"));

        assertThatThrownBy(() -> ContractAssertions.assertCompatibleWith(contract, current))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(
                        """
                        Contract test-contract 1.1.0 has 1 breaking change(s) since 1.0.0 but keeps the major version:
                        - orders.customer_id.unique: switched on: values may no longer repeat
                        Fix: make the change(s) compatible, or publish the contract with a new major version (a new \
                        output port for the new shape)""");
    }

    @Test
    void acceptsABreakingChangeInANewMajorVersion() throws IOException {
        Path current =
                write("orders-2.odcs.yaml", "2.0.0", ORDERS.replace("required: true", "required: true, unique: true"));

        assertThat(ContractAssertions.assertCompatibleWith(contract, current).hasBreakingChanges())
                .isTrue();
    }

    private Path write(String name, String version, String object) throws IOException {
        return Files.writeString(directory.resolve(name), TestContracts.document(version, object, ""));
    }

    private void sql(String statement) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }
}
