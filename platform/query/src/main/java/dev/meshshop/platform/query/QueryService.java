package dev.meshshop.platform.query;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.storage.InputPorts;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Cross-domain SQL for a consumer identity, over exactly the products it was granted (and its own), under their
 * stable names ({@code checkout.orders}), without the columns their contracts restrict.
 *
 * <p>Each query gets a DuckDB of its own, in memory: the statement is checked ({@link SqlGuard}), the products it
 * names are resolved and their grants checked, then the engine is locked down before the caller's SQL runs: file
 * access only to the granted snapshots' Parquet files, no extensions to install or load, settings locked, a view
 * per product. The query is cancelled at the timeout and returns at most the row cap. Every query, refused ones
 * included, is written to the usage audit.
 *
 * <p>At most {@link QueryLimits#concurrency()} queries run at once, each within its engine's memory limit; the others
 * wait for a turn, at most {@link QueryLimits#maxWait()}, and are refused as busy (503) after that. The wait counts in
 * the query's timeout, which runs from the query's arrival.
 */
public final class QueryService implements AutoCloseable {

    private final MeshDirectory mesh;
    private final AccessRequests access;
    private final UsageLog usage;
    private final QueryLimits limits;
    private final Clock clock;
    private final ProductNames names;
    private final Engines engines = new Engines(2);
    private final Semaphore turns;
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        var thread = new Thread(runnable, "mesh-query-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    public QueryService(MeshLayout layout, AccessRequests access, UsageLog usage, QueryLimits limits, Clock clock) {
        this(layout, access, usage, limits, clock, clock);
    }

    /**
     * @param asOf the mesh's time, at which the major versions that queries name are judged (ADR 23)
     */
    public QueryService(
            MeshLayout layout, AccessRequests access, UsageLog usage, QueryLimits limits, Clock clock, Clock asOf) {
        this.mesh = new MeshDirectory(layout);
        this.names = new ProductNames(mesh, asOf);
        this.access = access;
        this.usage = usage;
        this.limits = limits;
        this.clock = clock;
        this.turns = new Semaphore(limits.concurrency(), true);
    }

    public QueryLimits limits() {
        return limits;
    }

    /**
     * Runs {@code sql} for {@code identity} and returns up to {@code maxRows} rows (the configured maximum when
     * null) as values fit for JSON.
     *
     * @throws MeshProblem 400 for SQL that is refused or fails (over its memory limit too), 403 for a product not
     *     granted, 404 for an unknown product, 503 when it waited too long for its turn, 504 when the query outlasts
     *     the timeout
     */
    public QueryResult query(String identity, String sql, Integer maxRows) {
        try (var execution = start(identity, sql, maxRows, "http")) {
            return execution.collect();
        }
    }

    /**
     * Checks {@code sql}, opens an engine over the products it names and starts it: the caller reads the rows from
     * {@link Execution#resultSet()} (at most {@link Execution#maxRows()}) and closes the execution, which records
     * the read in the usage audit.
     *
     * @param route how the query came, for the audit: {@code http}, {@code csv}, {@code flight-sql}
     */
    public Execution start(String identity, String sql, Integer maxRows, String route) {
        var execution = new Execution(identity, sql, route, usage, clock, System.nanoTime());
        try {
            if (sql == null || sql.isBlank()) {
                throw new MeshProblem(
                        400, "Statement refused", "Send the SQL to run: {\"sql\": \"SELECT * FROM checkout.orders\"}");
            }
            int rows = limits.rowsFor(maxRows);
            waitForTurn(execution);
            Connection connection = engines.take();
            execution.opened(connection, rows);
            var products = SqlGuard.productsRead(connection, sql);
            execution.reads(products.stream().map(ProductId::toString).toList());
            var ports = granted(identity, products);
            ports.forEach((name, port) -> execution.hides(name.toString(), port.hidden()));
            lockDown(connection, ports);
            execution.run(timeouts, limits.timeout());
            return execution;
        } catch (MeshProblem problem) {
            execution.refused(problem);
            throw problem;
        } catch (SQLException e) {
            throw execution.failed(e);
        } catch (RuntimeException e) {
            execution.close();
            throw e;
        }
    }

    /** Waits until fewer than the concurrency limit run; the execution gives the turn back when it closes. */
    private void waitForTurn(Execution execution) {
        var wait = limits.waitLimit();
        boolean admitted;
        try {
            admitted = turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw MeshProblem.busy(
                    "The query service runs " + limits.concurrency() + " queries at once, and none finished in the "
                            + wait.toMillis() + " ms this one waited: try again in a few seconds. The mesh's operator"
                            + " sets how many run at once (mesh.query.concurrency) and how long one waits"
                            + " (mesh.query.max-wait)",
                    RETRY_AFTER_SECONDS);
        }
        execution.admitted(turns::release);
    }

    /** The seconds a busy refusal asks the caller to wait before it tries again. */
    static final long RETRY_AFTER_SECONDS = 2;

    /** How many queries wait for their turn now. */
    public int waiting() {
        return turns.getQueueLength();
    }

    /** A product's snapshot a query reads, and the columns it reads it without. */
    private record Granted(PublishedPort port, Set<String> hidden) {}

    /**
     * The current snapshot of each product, by the name the query gives it, if every one is published and granted to
     * {@code identity}.
     */
    private Map<ProductId, Granted> granted(String identity, Set<ProductId> products) {
        var unknown = new ArrayList<String>();
        var refusals = new ArrayList<String>();
        var ports = new LinkedHashMap<ProductId, Granted>();
        for (var name : products) {
            Optional<PublishedPort> port = names.resolve(name);
            if (port.isEmpty()) {
                unknown.add(name.toString());
                continue;
            }
            access.refusal(identity, port.get().product())
                    .ifPresentOrElse(
                            refusals::add,
                            () -> ports.put(name, new Granted(port.get(), access.hiddenColumns(identity, port.get()))));
        }
        if (!unknown.isEmpty()) {
            throw MeshProblem.notFound(
                    "Unknown product",
                    "No product " + String.join(", ", unknown) + " is published. Published products: "
                            + mesh.newestPorts().keySet().stream()
                                    .map(ProductId::toString)
                                    .sorted()
                                    .toList());
        }
        if (!refusals.isEmpty()) {
            throw MeshProblem.forbidden("Not granted", String.join("; ", refusals));
        }
        return ports;
    }

    /**
     * Limits the engine to the granted snapshots and locks its settings, then creates a view per product. From here
     * the caller's SQL cannot read other files, load extensions or change a setting, whatever it says.
     */
    private void lockDown(Connection connection, Map<ProductId, Granted> ports) throws SQLException {
        try (var statement = connection.createStatement()) {
            if (limits.threads() > 0) {
                statement.execute("SET threads = " + limits.threads());
            }
            if (!limits.memoryLimit().isEmpty()) {
                statement.execute("SET memory_limit = " + Sql.literal(limits.memoryLimit()));
            }
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET autoload_known_extensions = false");
            statement.execute("SET allow_community_extensions = false");
            statement.execute("SET allowed_paths = "
                    + ports.values().stream()
                            .map(granted -> Sql.literal(granted.port().dataFile()))
                            .distinct()
                            .collect(Collectors.joining(", ", "[", "]")));
            statement.execute("SET enable_external_access = false");
            for (var port : ports.entrySet()) {
                var name = port.getKey();
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + name.domain());
                statement.execute("CREATE VIEW " + name + " AS "
                        + InputPorts.readSql(
                                port.getValue().port(), port.getValue().hidden()));
            }
            statement.execute("SET lock_configuration = true");
        }
    }

    /**
     * An engine locked down to what {@code identity} may read of {@code products}, without the statement check: for
     * tests that the engine enforces the limits by itself.
     */
    Connection lockedEngine(String identity, Set<ProductId> products) throws SQLException {
        var connection = Engines.open();
        lockDown(connection, granted(identity, products));
        return connection;
    }

    @Override
    public void close() {
        timeouts.shutdownNow();
        engines.close();
    }
}
