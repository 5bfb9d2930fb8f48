package dev.meshshop.apps.bench;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.RestrictedColumns;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.identity.MeshCallers;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.SignedTokens;
import dev.meshshop.platform.query.FlightSqlServer;
import dev.meshshop.platform.query.QueryLimits;
import dev.meshshop.platform.query.QueryService;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.ProductKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What the query service costs on top of DuckDB: a cross-domain join of checkout.orders (10M rows), payment.payments
 * (10M) and customer360.customer_360 (1M), published as Parquet snapshots, run
 *
 * <ul>
 *   <li>in plain DuckDB: one open in-memory connection with a view per product over the same Parquet files, the
 *       query timed alone (the baseline);
 *   <li>through the query service, in process: a fresh locked-down engine per query, the statement check, the
 *       grants, the views, the result as JSON-ready rows and the usage audit;
 *   <li>through the query service over Arrow Flight SQL on localhost, as a JDBC or ADBC client would, logged in
 *       once with user and password (the session then carries the server's own token);
 *   <li>the same with a token of the mesh's issuer on every call (JDBC's {@code token=}): each call's JWT is
 *       validated (RS256 signature, expiry, the domain it acts for), which is what authentication costs a query.
 * </ul>
 *
 * The four alternate, after warm-up runs, and the medians are compared in the same run; the difference between the
 * last two is authentication's overhead per query, printed with the time of one token's validation alone.
 *
 * <p>Arguments: {@code --orders=10000000 --payments=10000000 --customers=1000000 --runs=7}.
 */
public final class QueryOverheadBenchmark {

    static final String JOIN =
            """
            SELECT c.segment, p.method, count(*) AS orders, sum(p.amount) AS paid, avg(o.total) AS average_total
            FROM checkout.orders o
            JOIN payment.payments p USING (order_id)
            JOIN customer360.customer_360 c USING (customer_id)
            WHERE o.status = 'purchased'
            GROUP BY ALL
            ORDER BY ALL""";

    static final String COUNT = "SELECT count(*) AS customers FROM customer360.customer_360";

    public static void main(String[] args) throws Exception {
        long orders = option(args, "orders", 10_000_000);
        long payments = option(args, "payments", 10_000_000);
        long customers = option(args, "customers", 1_000_000);
        int runs = (int) option(args, "runs", 7);
        Path dataDir = Files.createTempDirectory("mesh-query-bench");
        try {
            var layout = new MeshLayout(dataDir);
            long start = System.nanoTime();
            publish(layout, orders, payments, customers);
            System.out.printf(
                    "Published %,d orders, %,d payments, %,d customers in %.1f s%n",
                    orders, payments, customers, seconds(System.nanoTime() - start));
            run(layout, runs);
        } finally {
            Folders.deleteRecursively(dataDir);
        }
    }

    private static void run(MeshLayout layout, int runs) throws Exception {
        var identities = MeshIdentities.open(
                layout.dataDir(), List.of("analytics", "checkout", "payment", "customer360"), Map.of());
        var key = new RSAKeyGenerator(2048).keyID("benchmark").generate();
        var callers = new MeshCallers(
                identities, NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build());
        String token = SignedTokens.ofDomainClient(key, "analytics", Instant.now(), Duration.ofHours(1));
        var access = new AccessRequests(
                layout, new RestrictedColumns(List.of("restricted", "confidential")), Clock.systemUTC());
        for (String product : List.of("checkout.orders", "payment.payments", "customer360.customer_360")) {
            var request = access.request("analytics", "analytics", product, "the overhead benchmark");
            access.approve(request.id(), ProductId.parse(product).domain(), null);
        }
        var limits = new QueryLimits(Duration.ofMinutes(5), 100_000, 0, "");
        try (var queries = new QueryService(layout, access, new UsageLog(layout, 100), limits, Clock.systemUTC());
                var plain = plainDuckDb(layout);
                var allocator = new RootAllocator()) {
            var flight = new FlightSqlServer(queries, callers, "localhost", 0);
            flight.start();
            try (var client = FlightClient.builder(allocator, Location.forGrpcInsecure("localhost", flight.port()))
                    .build()) {
                CallOption bearer = client.authenticateBasicToken("analytics", identities.password("analytics"))
                        .orElseThrow();
                CallOption jwt = new CredentialCallOption(new BearerCredentialWriter(token));
                var sql = new FlightSqlClient(client);

                var routes = List.of(
                        new Route("plain DuckDB, same SQL over the same Parquet", query -> plainRows(plain, query)),
                        new Route("query service (in process)", query -> queries.query("analytics", query, null)
                                .rowCount()),
                        new Route("query service over Flight SQL (localhost)", query -> flightRows(sql, bearer, query)),
                        new Route("the same, the issuer's JWT on every call", query -> flightRows(sql, jwt, query)));
                System.out.println("The cross-domain join:");
                compare(JOIN, routes, runs);
                System.out.println("The fixed cost per query, on a query that reads only Parquet metadata:");
                double[] fixed = compare(COUNT, routes, runs);
                System.out.printf(
                        "Authentication: %.2f ms per query (the issuer's JWT checked on each of a query's calls,"
                                + " against the session's token); one JWT's validation alone: %.3f ms (median of"
                                + " %d)%n",
                        (fixed[3] - fixed[2]) / 1e6, validation(callers, token, 200) / 1e6, 200);
            } finally {
                flight.stop();
            }
        }
    }

    /** One way to run a query; returns the rows it read. */
    private record Route(String name, Query query) {}

    @FunctionalInterface
    private interface Query {
        long rows(String sql) throws Exception;
    }

    /**
     * Runs {@code sql} on every route, alternating, after two warm-up rounds; prints the medians against the first and
     * returns them, in nanoseconds.
     */
    private static double[] compare(String sql, List<Route> routes, int runs) throws Exception {
        long expected = routes.get(0).query().rows(sql);
        for (var route : routes) {
            long rows = route.query().rows(sql);
            if (rows != expected) {
                throw new IllegalStateException(route.name() + " returned " + rows + " rows, plain DuckDB " + expected);
            }
        }
        var nanos = new long[routes.size()][runs];
        for (int run = -2; run < runs; run++) {
            for (int route = 0; route < routes.size(); route++) {
                long start = System.nanoTime();
                routes.get(route).query().rows(sql);
                if (run >= 0) {
                    nanos[route][run] = System.nanoTime() - start;
                }
            }
        }
        double baseline = median(nanos[0]);
        var medians = new double[routes.size()];
        System.out.printf(
                "  %-46s %10s %8s   (%d rows; %d runs each)%n", "route", "median ms", "ratio", expected, runs);
        for (int route = 0; route < routes.size(); route++) {
            double median = median(nanos[route]);
            medians[route] = median;
            System.out.printf(
                    "  %-46s %10.1f %7.2fx   (runs: %s)%n",
                    routes.get(route).name(),
                    median / 1e6,
                    median / baseline,
                    Arrays.stream(nanos[route])
                            .mapToObj(n -> Long.toString(n / 1_000_000))
                            .toList());
        }
        return medians;
    }

    /** The median time of one validation of {@code token}, over {@code times}. */
    private static double validation(MeshCallers callers, String token, int times) {
        var nanos = new long[times];
        for (int i = -20; i < times; i++) {
            long start = System.nanoTime();
            callers.authenticate("", token);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
        }
        return median(nanos);
    }

    private static Connection plainDuckDb(MeshLayout layout) throws SQLException {
        var connection = DriverManager.getConnection("jdbc:duckdb:");
        try (var statement = connection.createStatement()) {
            for (var port : new MeshDirectory(layout).ports()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS "
                        + Sql.identifier(port.product().domain()));
                statement.execute(
                        "CREATE VIEW " + Sql.qualifiedName(port.product().toString())
                                + " AS SELECT * FROM read_parquet(" + Sql.literal(port.dataFile()) + ")");
            }
        }
        return connection;
    }

    private static long plainRows(Connection plain, String sql) throws SQLException {
        long rows = 0;
        try (var statement = plain.createStatement();
                var result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int i = 1; i <= columns; i++) {
                    result.getObject(i);
                }
                rows++;
            }
        }
        return rows;
    }

    private static long flightRows(FlightSqlClient sql, CallOption bearer, String query) throws Exception {
        long rows = 0;
        var info = sql.execute(query, bearer);
        for (var endpoint : info.getEndpoints()) {
            try (var stream = sql.getStream(endpoint.getTicket(), bearer)) {
                while (stream.next()) {
                    rows += stream.getRoot().getRowCount();
                }
            }
        }
        return rows;
    }

    /** Publishes the three products as their owners would: a table in the owner's area, then a Parquet snapshot. */
    private static void publish(MeshLayout layout, long orders, long payments, long customers) {
        var publisher = new OutputPortPublisher(layout, Clock.systemUTC(), List.of(), 1);
        publish(
                layout,
                publisher,
                "checkout.orders",
                """
                CREATE TABLE model.orders AS
                SELECT i AS order_id,
                       (hash(i) %% %d)::BIGINT AS customer_id,
                       ((hash(i * 7) %% 50000) / 100)::DECIMAL(10,2) AS total,
                       CASE WHEN hash(i * 3) %% 20 = 0 THEN 'cancelled' ELSE 'purchased' END AS status
                FROM range(%d) t(i)"""
                        .formatted(customers, orders));
        publish(
                layout,
                publisher,
                "payment.payments",
                """
                CREATE TABLE model.payments AS
                SELECT i AS order_id,
                       ['card', 'invoice', 'wallet', 'paypal'][1 + (hash(i * 5) %% 4)::BIGINT] AS method,
                       ((hash(i * 7) %% 50000) / 100)::DECIMAL(10,2) AS amount
                FROM range(%d) t(i)"""
                        .formatted(payments));
        publish(
                layout,
                publisher,
                "customer360.customer_360",
                """
                CREATE TABLE model.customer_360 AS
                SELECT i AS customer_id,
                       ['browser', 'one-time', 'regular', 'at-risk', 'vip'][1 + (hash(i * 11) %% 5)::BIGINT] AS segment
                FROM range(%d) t(i)"""
                        .formatted(customers));
    }

    private static void publish(MeshLayout layout, OutputPortPublisher publisher, String id, String fill) {
        var product = ProductId.parse(id);
        String contract =
                """
                apiVersion: v3.1.0
                kind: DataContract
                id: %s
                name: %s
                version: 1.0.0
                status: active
                schema:
                  - name: %s
                    physicalType: table
                """
                        .formatted(id, product.name(), product.name());
        var port = new ProductDescriptor.OutputPort(
                product.name(), "parquet", product.name() + ".odcs.yaml", "model." + product.name());
        var descriptor = new ProductDescriptor(
                id, ProductKind.SOURCE_ALIGNED, product.domain() + "-team", "benchmark data", List.of(port), List.of());
        String descriptorYaml =
                """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %s
                version: 1.0.0
                status: active
                description: {purpose: benchmark data}
                team: {name: %s-team}
                customProperties:
                  - {property: productKind, value: source-aligned}
                outputPorts:
                  - name: %s
                    type: parquet
                    version: 1.0.0
                    contractId: %s
                    customProperties:
                      - {property: contractFile, value: %s.odcs.yaml}
                      - {property: relation, value: model.%s}
                """
                        .formatted(id, product.domain(), product.name(), id, product.name(), product.name());
        try (var area = DomainArea.open(layout, product.domain())) {
            area.withConnection(connection -> connection.createStatement().execute(fill));
            publisher.publish(
                    area,
                    new DataProduct(
                            descriptor, descriptorYaml, List.of(new DataProduct.Port(port, contract, "1.0.0"))));
        }
    }

    private static double median(long[] nanos) {
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long option(String[] args, String name, long fallback) {
        var values = new ArrayList<String>();
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                values.add(arg.substring(name.length() + 3));
            }
        }
        return values.isEmpty()
                ? fallback
                : Long.parseLong(values.get(values.size() - 1).replace("_", ""));
    }
}
