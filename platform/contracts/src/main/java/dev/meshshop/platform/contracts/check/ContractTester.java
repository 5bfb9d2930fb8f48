package dev.meshshop.platform.contracts.check;

import dev.meshshop.platform.contracts.model.DataContract;
import dev.meshshop.platform.contracts.model.SchemaObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tests data against its contract: the schema (every property present, with a compatible type, required,
 * unique, primary key, logicalTypeOptions), the quality rules (library metrics and SQL) and the service levels
 * (freshness, latency, retention).
 *
 * <p>The data is a DuckDB table or view, or Parquet files. All aggregates of one object run in a single query,
 * so a wide contract costs about one scan of the data; failing rows are fetched only for failing checks.
 *
 * <pre>{@code
 * ContractTestReport report = ContractTester.create().test(connection, "orders", contract);
 * if (report.blocks()) {
 *     throw new IllegalStateException(report.toText());
 * }
 * }</pre>
 *
 * <p>A tester is immutable and can be shared; the {@code with...} methods return a changed copy.
 */
public final class ContractTester {

    private final int sampleSize;
    private final Clock clock;
    private final ScanMode scanMode;

    private ContractTester(int sampleSize, Clock clock, ScanMode scanMode) {
        if (sampleSize < 0) {
            throw new IllegalArgumentException("sampleSize must not be negative");
        }
        this.sampleSize = sampleSize;
        this.clock = clock;
        this.scanMode = scanMode;
    }

    /** A tester that shows up to 5 failing rows per check, measures time with the system clock, and scans once. */
    public static ContractTester create() {
        return new ContractTester(5, Clock.systemUTC(), ScanMode.SHARED);
    }

    /** How many failing rows each failed check shows (0 for none). */
    public ContractTester withSampleSize(int rows) {
        return new ContractTester(rows, clock, scanMode);
    }

    /** The clock that freshness, latency and retention are measured against. */
    public ContractTester withClock(Clock clock) {
        return new ContractTester(sampleSize, clock, scanMode);
    }

    public ContractTester withScanMode(ScanMode scanMode) {
        return new ContractTester(sampleSize, clock, scanMode);
    }

    /**
     * Tests a table or view, such as {@code orders} or {@code checkout.orders}, against the contract object of that
     * name (or the contract's only object).
     */
    public ContractTestReport test(Connection connection, String relation, DataContract contract) throws SQLException {
        Relation table = Relation.table(relation);
        return run(connection, table, contract, object(contract, table.baseName()));
    }

    /** Tests a table or view against the named object of the contract. */
    public ContractTestReport test(Connection connection, String relation, DataContract contract, String objectName)
            throws SQLException {
        return run(connection, Relation.table(relation), contract, namedObject(contract, objectName));
    }

    /** Tests Parquet files (a path or a glob such as {@code mesh/checkout/orders/v2/*.parquet}) in a fresh DuckDB. */
    public ContractTestReport testParquet(String pathOrGlob, DataContract contract) throws SQLException {
        return testParquet(pathOrGlob, contract, null);
    }

    /** Tests Parquet files against the named object of the contract (null for the contract's only object). */
    public ContractTestReport testParquet(String pathOrGlob, DataContract contract, String objectName)
            throws SQLException {
        return testParquet(List.of(pathOrGlob), contract, objectName);
    }

    /** Tests the Parquet files of several paths or globs as one data set. */
    public ContractTestReport testParquet(List<String> pathsOrGlobs, DataContract contract, String objectName)
            throws SQLException {
        SchemaObject object = objectName == null ? object(contract, null) : namedObject(contract, objectName);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            return run(connection, Relation.parquet(pathsOrGlobs), contract, object);
        }
    }

    private ContractTestReport run(Connection connection, Relation relation, DataContract contract, SchemaObject object)
            throws SQLException {
        Instant start = clock.instant();
        long started = System.nanoTime();
        List<PlannedCheck> plan = CheckPlanner.plan(contract, object, relation, columns(connection, relation), start);
        List<CheckResult> results = new CheckRunner(connection, relation, scanMode, sampleSize).run(plan);
        return new ContractTestReport(
                contract.id(),
                contract.version(),
                object.name(),
                relation.name(),
                start,
                Duration.ofNanos(System.nanoTime() - started),
                results);
    }

    private static List<Column> columns(Connection connection, Relation relation) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("DESCRIBE SELECT * FROM " + relation.sql())) {
            while (resultSet.next()) {
                columns.add(new Column(resultSet.getString("column_name"), resultSet.getString("column_type")));
            }
        }
        return columns;
    }

    /** The contract's only object, or the object named like the relation. */
    private static SchemaObject object(DataContract contract, String relationName) {
        if (contract.schema().isEmpty()) {
            throw new IllegalArgumentException("contract " + contract.id() + " describes no schema object to test");
        }
        if (contract.schema().size() == 1) {
            return contract.schema().get(0);
        }
        if (relationName != null) {
            var named = contract.object(relationName);
            if (named.isPresent()) {
                return named.get();
            }
        }
        throw new IllegalArgumentException("contract " + contract.id() + " has the objects " + objectNames(contract)
                + "; name the one the data holds");
    }

    private static SchemaObject namedObject(DataContract contract, String name) {
        return contract.object(name)
                .orElseThrow(() -> new IllegalArgumentException("contract " + contract.id() + " has no object " + name
                        + " (it has " + objectNames(contract) + ")"));
    }

    private static String objectNames(DataContract contract) {
        return contract.schema().stream().map(SchemaObject::name).collect(Collectors.joining(", "));
    }
}
