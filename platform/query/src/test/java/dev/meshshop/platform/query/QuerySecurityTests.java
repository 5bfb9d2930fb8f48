package dev.meshshop.platform.query;

import static dev.meshshop.platform.query.ShopProducts.ORDERS;
import static dev.meshshop.platform.query.ShopProducts.PAYMENTS;
import static dev.meshshop.platform.query.ShopProducts.SHIPMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the query service refuses, and that the engine refuses it too. Every case runs against a real DuckDB over
 * real published Parquet snapshots, as fulfillment, which was granted checkout.orders and owns
 * fulfillment.shipments, and nothing else.
 */
class QuerySecurityTests {

    @TempDir
    static Path dataDir;

    static MeshLayout layout;
    static AccessRequests access;
    static UsageLog usage;
    static QueryService queries;

    @BeforeAll
    static void publishAndGrant() {
        layout = new MeshLayout(dataDir);
        ShopProducts.publish(layout);
        access = ShopProducts.access(layout);
        usage = new UsageLog(layout, 1_000);
        ShopProducts.grant(access, "fulfillment", ORDERS);
        queries = new QueryService(
                layout, access, usage, new QueryLimits(Duration.ofSeconds(2), 1_000, 0, ""), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        queries.close();
    }

    static Stream<Arguments> refusedStatements() {
        String granted = ShopProducts.published(layout(), ORDERS).dataFile().toString();
        String other = ShopProducts.published(layout(), PAYMENTS).dataFile().toString();
        String area = layout().domainDatabase("checkout").toString();
        return Stream.of(
                // writes
                Arguments.of(
                        "INSERT INTO checkout.orders VALUES ('o-9', 'purchased', 1, 'x@example.com')", "INSERT writes"),
                Arguments.of("UPDATE checkout.orders SET total = 0", "UPDATE writes"),
                Arguments.of("DELETE FROM checkout.orders", "DELETE writes"),
                Arguments.of("CREATE TABLE copy AS SELECT * FROM checkout.orders", "CREATE writes"),
                Arguments.of("DROP VIEW checkout.orders", "DROP writes"),
                Arguments.of("ALTER VIEW checkout.orders RENAME TO mine", "ALTER writes"),
                Arguments.of("TRUNCATE checkout.orders", "TRUNCATE writes"),
                Arguments.of("WITH o AS (SELECT 1) INSERT INTO t SELECT * FROM o", "not a SELECT"),
                // other databases
                Arguments.of("ATTACH '" + area + "' AS checkout_area", "ATTACH attaches"),
                Arguments.of("DETACH checkout_area", "DETACH attaches"),
                Arguments.of("USE checkout_area", "USE attaches"),
                Arguments.of("SELECT * FROM checkout_area.model.orders", "names a database"),
                // files in and out
                Arguments.of("COPY checkout.orders TO '" + dataDir.resolve("out.csv") + "'", "COPY copies"),
                Arguments.of("COPY (SELECT 1 AS x) TO '" + granted + "'", "COPY copies"),
                Arguments.of("COPY checkout.orders FROM '" + other + "'", "COPY copies"),
                Arguments.of("EXPORT DATABASE '" + dataDir.resolve("export") + "'", "EXPORT copies"),
                Arguments.of("IMPORT DATABASE '" + dataDir.resolve("export") + "'", "IMPORT copies"),
                Arguments.of("SELECT * FROM read_parquet('" + granted + "')", "reads files"),
                Arguments.of("SELECT * FROM parquet_scan('" + other + "')", "reads files"),
                Arguments.of("SELECT * FROM read_csv('/etc/passwd')", "reads files"),
                Arguments.of("SELECT * FROM read_csv_auto('orders.csv')", "reads files"),
                Arguments.of("SELECT * FROM read_json('orders.json')", "reads files"),
                Arguments.of("SELECT * FROM read_ndjson_objects('orders.json')", "reads files"),
                Arguments.of("SELECT * FROM read_text('/etc/hostname')", "reads files"),
                Arguments.of("SELECT * FROM read_blob('" + other + "')", "reads files"),
                Arguments.of("SELECT * FROM glob('" + dataDir + "/**')", "reads files"),
                Arguments.of("SELECT * FROM parquet_metadata('" + other + "')", "reads files"),
                Arguments.of("SELECT * FROM '" + granted + "'", "reads a file or URL directly"),
                Arguments.of("SELECT * FROM 'orders.parquet'", "reads a file or URL directly"),
                Arguments.of("SELECT * FROM 'https://example.com/orders.parquet'", "reads a file or URL directly"),
                Arguments.of("SELECT * FROM read_parquet('https://example.com/orders.parquet')", "reads files"),
                Arguments.of("SELECT * FROM read_csv('s3://bucket/orders.csv')", "reads files"),
                Arguments.of("SELECT * FROM query('SELECT * FROM checkout.orders')", "reads files"),
                Arguments.of("SELECT * FROM duckdb_settings()", "not available"),
                Arguments.of(
                        "SELECT o.* FROM checkout.orders o WHERE o.order_id IN (SELECT order_id FROM read_parquet('"
                                + other + "'))",
                        "reads files"),
                Arguments.of("WITH p AS (SELECT * FROM read_parquet('" + other + "')) SELECT * FROM p", "reads files"),
                Arguments.of("SELECT (SELECT count(*) FROM read_csv('/etc/passwd')) AS n", "reads files"),
                // extensions
                Arguments.of("INSTALL httpfs", "INSTALL installs or loads an extension"),
                Arguments.of("FORCE INSTALL httpfs", "installs or loads an extension"),
                Arguments.of("LOAD httpfs", "LOAD installs or loads an extension"),
                // settings
                Arguments.of("SET enable_external_access = true", "SET changes or reads settings"),
                Arguments.of("SET allowed_paths = ['/']", "SET changes or reads settings"),
                Arguments.of("RESET threads", "RESET changes or reads settings"),
                Arguments.of("PRAGMA enable_profiling", "PRAGMA changes or reads settings"),
                Arguments.of("CALL pragma_version()", "CALL changes or reads settings"),
                Arguments.of("BEGIN TRANSACTION", "controls a transaction"),
                Arguments.of("PIVOT checkout.orders ON status USING count(*)", "list the values"),
                // more than one statement
                Arguments.of("SELECT 1; SELECT 2", "one statement at a time"),
                Arguments.of("SELECT * FROM checkout.orders; DROP VIEW checkout.orders", "one statement at a time"),
                Arguments.of("SELECT 1 /* ; */; -- ;\n SET threads = 1", "one statement at a time"),
                // nonsense
                Arguments.of("SELEKT 1", "cannot parse"),
                Arguments.of("  ", "Send the SQL"));
    }

    private static MeshLayout layout() {
        return new MeshLayout(dataDir);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusedStatements")
    void refusesWhatIsNotOneReadOfGrantedProducts(String sql, String reason) {
        assertThatThrownBy(() -> queries.query("fulfillment", sql, null))
                .isInstanceOfSatisfying(MeshProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.title()).isEqualTo("Statement refused");
                })
                .hasMessageContaining(reason);
        assertThat(usage.list(null, "fulfillment").get(0))
                .satisfies(read -> assertThat(read.outcome()).isEqualTo(Usage.Outcome.REFUSED))
                .satisfies(read -> assertThat(read.reason()).contains(reason));
    }

    @Test
    void nothingWasWrittenOrCopied() {
        assertThat(dataDir.resolve("out.csv")).doesNotExist();
        assertThat(dataDir.resolve("export")).doesNotExist();
        assertThat(queries.query("checkout", "SELECT count(*) AS n FROM checkout.orders", null)
                        .rows())
                .containsExactly(List.of(3L));
    }

    @Test
    void anUnknownProductIsNotFoundAndThePublishedOnesAreNamed() {
        for (String sql : List.of("SELECT * FROM checkout.baskets", "SELECT * FROM orders", "SELECT * FROM main.x")) {
            assertThatThrownBy(() -> queries.query("fulfillment", sql, null))
                    .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                            .isEqualTo(404));
        }
        assertThatThrownBy(() -> queries.query("fulfillment", "SELECT * FROM checkout.baskets", null))
                .hasMessage("No product checkout.baskets is published. Published products: [checkout.orders,"
                        + " fulfillment.shipments, payment.payments]");
    }

    @Test
    void aProductNotGrantedIsForbiddenWithHowToRequestIt() {
        assertThatThrownBy(() -> queries.query(
                        "fulfillment", "SELECT * FROM checkout.orders JOIN payment.payments USING (order_id)", null))
                .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                        .isEqualTo(403))
                .hasMessageContaining("fulfillment is not granted payment.payments")
                .hasMessageContaining("POST /api/access/requests {\"consumer\":\"fulfillment\",\"product\":"
                        + "\"payment.payments\",\"purpose\":\"...\"} with fulfillment's token");
        var refused = usage.list("payment.payments", "fulfillment").get(0);
        assertThat(refused.outcome()).isEqualTo(Usage.Outcome.REFUSED);
        assertThat(refused.products()).containsExactly("checkout.orders", "payment.payments");
    }

    @Test
    void aDomainWithoutGrantsReadsNothingButItsOwn() {
        for (var product : List.of(ORDERS, SHIPMENTS, PAYMENTS)) {
            assertThatThrownBy(() -> queries.query("search", "SELECT count(*) FROM " + product, null))
                    .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                            .isEqualTo(403));
        }
        assertThat(queries.query("payment", "SELECT count(*) FROM payment.payments", null)
                        .rows())
                .containsExactly(List.of(3L));
    }

    @Test
    void aGrantedConsumerJoinsAcrossDomains() {
        var result = queries.query(
                "fulfillment",
                """
                SELECT s.shipping_option, o.total, s.on_time
                FROM checkout.orders o JOIN fulfillment.shipments s USING (order_id)
                ORDER BY o.order_id""",
                null);

        assertThat(result.columns())
                .extracting(QueryResult.Column::name, QueryResult.Column::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("shipping_option", "VARCHAR"),
                        org.assertj.core.groups.Tuple.tuple("total", "DECIMAL(5,2)"),
                        org.assertj.core.groups.Tuple.tuple("on_time", "BOOLEAN"));
        assertThat(result.rows())
                .containsExactly(
                        List.of("standard", new java.math.BigDecimal("100.00"), true),
                        List.of("reliable", new java.math.BigDecimal("50.00"), false));
        assertThat(result.truncated()).isFalse();
        var read = usage.list("checkout.orders", "fulfillment").get(0);
        assertThat(read.outcome()).isEqualTo(Usage.Outcome.OK);
        assertThat(read.rows()).isEqualTo(2);
        assertThat(read.products()).containsExactly("checkout.orders", "fulfillment.shipments");
    }

    @Test
    void everyFormOfOneReadIsAllowed() {
        for (String sql : List.of(
                "FROM checkout.orders",
                "select * from CHECKOUT.ORDERS",
                "WITH purchased AS (SELECT * FROM checkout.orders WHERE status = 'purchased') SELECT * FROM purchased",
                "SELECT * FROM checkout.orders UNION ALL SELECT * FROM checkout.orders",
                "SELECT o.order_id FROM checkout.orders o WHERE o.order_id IN (SELECT order_id FROM fulfillment.shipments)",
                "VALUES (1, 'a')",
                "SELECT * FROM range(3)",
                "SELECT * FROM checkout.orders PIVOT (count(*) FOR status IN ('purchased', 'cancelled'))",
                "DESCRIBE checkout.orders",
                "SUMMARIZE checkout.orders",
                "-- the orders\nSELECT 1;")) {
            assertThat(queries.query("fulfillment", sql, null).rowCount())
                    .as(sql)
                    .isPositive();
        }
    }

    @Test
    void aRestrictedColumnNeverAppearsUnlessTheContractOpensIt() {
        var all = queries.query("fulfillment", "SELECT * FROM checkout.orders", null);
        assertThat(all.columns()).extracting(QueryResult.Column::name).containsExactly("order_id", "status", "total");
        assertThat(all.rows().toString()).doesNotContain("@example.com");

        assertThatThrownBy(() -> queries.query("fulfillment", "SELECT customer_email FROM checkout.orders", null))
                .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                        .isEqualTo(403))
                .hasMessageContaining("Column customer_email of checkout.orders is classified as restricted")
                .hasMessageContaining("exposedTo");
        assertThatThrownBy(() ->
                        queries.query("fulfillment", "SELECT max(o.customer_email) FROM checkout.orders AS o", null))
                .isInstanceOf(MeshProblem.class);
        assertThatThrownBy(() -> queries.query(
                        "fulfillment",
                        "SELECT customer_email FROM read_parquet('"
                                + ShopProducts.published(layout, ORDERS).dataFile() + "')",
                        null))
                .hasMessageContaining("reads files");

        // the contract opens it to customer360, and the owner reads its own product whole
        ShopProducts.grant(access, "customer360", ORDERS);
        assertThat(queries.query("customer360", "SELECT customer_email FROM checkout.orders", null)
                        .rowCount())
                .isEqualTo(3);
        assertThat(queries.query("checkout", "SELECT * FROM checkout.orders", null)
                        .columns())
                .extracting(QueryResult.Column::name)
                .contains("customer_email");
    }

    @Test
    void afterARevokeReadsStop() {
        String id = ShopProducts.grant(access, "payment", SHIPMENTS);
        assertThat(queries.query("payment", "SELECT count(*) FROM fulfillment.shipments", null)
                        .rows())
                .containsExactly(List.of(2L));

        access.revoke(id, "fulfillment", "payment no longer ships");

        assertThatThrownBy(() -> queries.query("payment", "SELECT count(*) FROM fulfillment.shipments", null))
                .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                        .isEqualTo(403));
    }

    @Test
    void theRowCapCutsAndSaysSo() {
        var capped = queries.query("fulfillment", "SELECT * FROM checkout.orders ORDER BY order_id", 2);
        assertThat(capped.rowCount()).isEqualTo(2);
        assertThat(capped.truncated()).isTrue();
        assertThat(queries.query("fulfillment", "SELECT * FROM range(5000)", 100_000)
                        .rowCount())
                .isEqualTo(1_000);
        assertThatThrownBy(() -> queries.query("fulfillment", "SELECT 1", 0)).hasMessageContaining("at least 1");
    }

    @Test
    void aQueryThatOutlastsTheTimeoutIsCancelled() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> queries.query(
                        "fulfillment", "SELECT count(*) FROM range(100000000) a, range(100000000) b", null))
                .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                        .isEqualTo(504))
                .hasMessageContaining("longer than 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(usage.list(null, "fulfillment").get(0).outcome()).isEqualTo(Usage.Outcome.FAILED);
    }

    /**
     * Defence in depth: with the statement check out of the way, the engine itself refuses to read a file it was not
     * given, to write, to load extensions and to change its settings. These DuckDB settings exist in the version the
     * mesh pins and do what the service relies on.
     */
    @Test
    void theEngineEnforcesTheLimitsByItself() throws SQLException {
        String other = ShopProducts.published(layout, PAYMENTS).dataFile().toString();
        String granted = ShopProducts.published(layout, ORDERS).dataFile().toString();
        try (var engine = queries.lockedEngine("fulfillment", Set.of(ORDERS));
                var statement = engine.createStatement()) {
            try (var settings = statement.executeQuery("SELECT current_setting('enable_external_access'),"
                    + " current_setting('lock_configuration'), current_setting('allowed_paths')::VARCHAR,"
                    + " current_setting('autoload_known_extensions')")) {
                settings.next();
                assertThat(settings.getBoolean(1)).isFalse();
                assertThat(settings.getBoolean(2)).isTrue();
                assertThat(settings.getString(3)).isEqualTo("[" + granted + "]");
                assertThat(settings.getBoolean(4)).isFalse();
            }
            try (var rows = statement.executeQuery("SELECT count(*) FROM checkout.orders")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(3);
            }
            for (String sql : List.of(
                    "SELECT * FROM read_parquet('" + other + "')",
                    "SELECT * FROM read_csv('/etc/passwd')",
                    "COPY (SELECT 1) TO '" + dataDir.resolve("engine.csv") + "'",
                    "COPY (SELECT 1 AS x) TO '" + granted + "'",
                    "ATTACH '" + layout.domainDatabase("checkout") + "' AS area",
                    "INSTALL httpfs",
                    "LOAD httpfs",
                    "SET enable_external_access = true",
                    "SET allowed_paths = ['/']",
                    "SET lock_configuration = false",
                    "RESET enable_external_access")) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class);
            }
        }
        assertThat(dataDir.resolve("engine.csv")).doesNotExist();
        assertThat(Files.exists(Path.of(granted))).isTrue();
        assertThat(queries.query("checkout", "SELECT count(*) FROM checkout.orders", null)
                        .rows())
                .containsExactly(List.of(3L));
    }
}
