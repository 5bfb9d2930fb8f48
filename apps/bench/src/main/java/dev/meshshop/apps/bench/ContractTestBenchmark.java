package dev.meshshop.apps.bench;

import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.contracts.check.CheckResult;
import dev.meshshop.platform.contracts.check.CheckStatus;
import dev.meshshop.platform.contracts.check.ContractTestReport;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.check.ScanMode;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long testing a contract takes on a product of a million rows: once with every aggregate of the object in one
 * query (the default), once with one query per check as the baseline. The data is a DuckDB table, a Parquet file,
 * and a view that joins the orders with their customers, as a SQL model of a data product would: the more it costs
 * to read the relation, the more one scan saves.
 *
 * <p>Arguments: the number of rows (default 1,000,000) and of timed runs per mode (default 7).
 */
public final class ContractTestBenchmark {

    /** Twenty checks that read the data, on nine properties; the nine type checks only read the metadata. */
    private static final String CONTRACT =
            """
            apiVersion: v3.1.0
            kind: DataContract
            id: benchmark-orders
            version: 1.0.0
            status: active
            schema:
              - name: orders
                properties:
                  - name: order_id
                    logicalType: string
                    primaryKey: true
                    required: true
                    logicalTypeOptions: {pattern: "^ord-[0-9]+$", maxLength: 12}
                  - name: customer_id
                    logicalType: string
                    quality:
                      - {metric: missingValues, arguments: {missingValues: [null, "", "n/a"]}, mustBeLessThan: 5, unit: percent}
                  - name: status
                    logicalType: string
                    required: true
                    quality:
                      - {metric: invalidValues, arguments: {validValues: [placed, paid, shipped, delivered]}, mustBe: 0}
                  - name: amount
                    logicalType: number
                    logicalTypeOptions: {minimum: 0, maximum: 10000}
                    quality:
                      - {metric: nullValues, mustBeLessThan: 1, unit: percent}
                  - name: item_count
                    logicalType: integer
                    logicalTypeOptions: {minimum: 1, maximum: 50, format: u8}
                  - name: order_date
                    logicalType: date
                    logicalTypeOptions: {minimum: "2020-01-01"}
                  - name: updated_at
                    logicalType: timestamp
                  - name: email
                    logicalType: string
                    logicalTypeOptions: {format: email}
                  - name: country
                    logicalType: string
                    logicalTypeOptions: {minLength: 2, maxLength: 2}
                quality:
                  - {metric: rowCount, mustBeGreaterThan: 0}
                  - {metric: duplicateValues, arguments: {properties: [order_id, customer_id]}, mustBe: 0}
            slaProperties:
              - {property: freshness, value: 1, unit: d, element: orders.updated_at}
            """;

    private ContractTestBenchmark() {}

    public static void main(String[] args) throws SQLException, IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        DataContract contract = DataContracts.parse(CONTRACT, "benchmark contract");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            long generating = System.nanoTime();
            generateOrders(connection, rows);
            System.out.printf(
                    "Generated %,d orders in %d ms on %d cores%n",
                    rows, millis(generating), Runtime.getRuntime().availableProcessors());

            ContractTester shared = ContractTester.create();
            ContractTester perCheck = ContractTester.create().withScanMode(ScanMode.PER_CHECK);
            ContractTestReport report = shared.test(connection, "orders", contract);
            long dataChecks = report.checks().stream()
                    .filter(check -> !check.check().equals("logicalType"))
                    .count();
            System.out.printf(
                    "%d checks that read the data, %d type checks, all passed: %b%n",
                    dataChecks,
                    report.checks().size() - dataChecks,
                    report.checks().stream().map(CheckResult::status).allMatch(CheckStatus.PASSED::equals));

            compare("DuckDB table", shared, perCheck, connection, "orders", contract, runs);

            Path parquet = Files.createTempDirectory("contract-benchmark").resolve("orders.parquet");
            try (Statement statement = connection.createStatement()) {
                statement.execute("COPY orders TO " + Sql.literal(parquet) + " (FORMAT parquet)");
                statement.execute(
                        "CREATE VIEW orders_files AS SELECT * FROM read_parquet(" + Sql.literal(parquet) + ")");
            }
            compare("Parquet file", shared, perCheck, connection, "orders_files", contract, runs);
            Files.delete(parquet);
            Files.delete(parquet.getParent());

            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        """
                        CREATE TABLE customers AS
                          SELECT 'cust-' || range AS customer_id, ['retail', 'business'][1 + range % 2] AS segment
                          FROM range(50000);
                        CREATE VIEW orders_model AS
                          SELECT orders.*, customers.segment FROM orders LEFT JOIN customers USING (customer_id)
                        """);
            }
            compare("View joining orders and customers", shared, perCheck, connection, "orders_model", contract, runs);
        }
    }

    /** Alternates the two modes run by run, so that a busy machine slows both alike. */
    private static void compare(
            String data,
            ContractTester shared,
            ContractTester perCheck,
            Connection connection,
            String relation,
            DataContract contract,
            int runs)
            throws SQLException {
        shared.test(connection, relation, contract, "orders"); // warm up both paths
        perCheck.test(connection, relation, contract, "orders");
        List<Duration> sharedTimes = new ArrayList<>();
        List<Duration> perCheckTimes = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            sharedTimes.add(time(shared, connection, relation, contract));
            perCheckTimes.add(time(perCheck, connection, relation, contract));
        }
        Duration sharedTime = median(sharedTimes);
        Duration perCheckTime = median(perCheckTimes);
        System.out.printf("%s, median of %d runs:%n", data, runs);
        System.out.printf("  shared scan, one query per object: %5d ms%n", sharedTime.toMillis());
        System.out.printf(
                "  baseline, one query per check:     %5d ms (%.1fx the shared scan)%n",
                perCheckTime.toMillis(), (double) perCheckTime.toNanos() / sharedTime.toNanos());
    }

    private static void generateOrders(Connection connection, long rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE orders AS SELECT
                      'ord-' || range AS order_id,
                      CASE WHEN range % 97 = 0 THEN 'n/a' ELSE 'cust-' || (range % 50000) END AS customer_id,
                      ['placed', 'paid', 'shipped', 'delivered'][1 + range % 4] AS status,
                      CASE WHEN range % 211 = 0 THEN NULL ELSE ((range * 37) % 100000) / 100.0 END::DECIMAL(10,2)
                        AS amount,
                      (1 + range % 20)::INTEGER AS item_count,
                      DATE '2024-01-01' + (range % 700)::INTEGER AS order_date,
                      now()::TIMESTAMP - to_seconds(range % 3600) AS updated_at,
                      'customer' || (range % 50000) || '@meshshop.dev' AS email,
                      ['DE', 'FR', 'NL', 'AT'][1 + range % 4] AS country
                    FROM range(:rows)
                    """
                            .replace(":rows", Long.toString(rows)));
        }
    }

    private static Duration time(ContractTester tester, Connection connection, String relation, DataContract contract)
            throws SQLException {
        long start = System.nanoTime();
        tester.test(connection, relation, contract, "orders");
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Duration median(List<Duration> times) {
        List<Duration> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
