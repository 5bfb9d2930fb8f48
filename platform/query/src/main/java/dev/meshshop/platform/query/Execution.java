package dev.meshshop.platform.query;

import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One query on its way: its locked-down engine, its rows as they come, and what the audit will say about it. The
 * route that started it reads {@link #resultSet()}, at most {@link #maxRows()} rows, reports them with {@link
 * #sent(long)} and closes it; closing records the read once and frees the engine.
 */
public final class Execution implements AutoCloseable {

    private final String identity;
    private final String sql;
    private final String route;
    private final UsageLog usage;
    private final Instant at;
    private final long startedNanos;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, Set<String>> hidden = new LinkedHashMap<>();
    private List<String> products = List.of();
    private Connection connection;
    private Statement statement;
    private ResultSet resultSet;
    private ScheduledFuture<?> timeout;
    private Duration timeLimit;
    private int maxRows;
    private long rows;
    private Usage.Outcome outcome = Usage.Outcome.OK;
    private String reason;
    private Runnable release;

    Execution(String identity, String sql, String route, UsageLog usage, Clock clock, long startedNanos) {
        this.identity = identity;
        this.sql = sql;
        this.route = route;
        this.usage = usage;
        this.at = clock.instant();
        this.startedNanos = startedNanos;
    }

    /** The query got its turn; {@code release} gives it back when the execution closes. */
    void admitted(Runnable release) {
        this.release = release;
    }

    void opened(Connection connection, int maxRows) {
        this.connection = connection;
        this.maxRows = maxRows;
    }

    void reads(List<String> products) {
        this.products = List.copyOf(products);
    }

    void hides(String product, Set<String> columns) {
        hidden.put(product, columns);
    }

    /**
     * Runs the caller's SQL; cancels it when it outlasts {@code limit}, counted from its arrival. The engine is
     * cancelled a little before the limit ({@link #stopMargin}), the time DuckDB may take to stop, so that the
     * answer leaves within it.
     */
    void run(ScheduledExecutorService timeouts, Duration limit) throws SQLException {
        this.timeLimit = limit;
        long left = Math.max(0, limit.minus(stopMargin(limit)).toMillis() - elapsedMs());
        this.statement = connection.createStatement();
        this.timeout = timeouts.schedule(
                () -> {
                    timedOut.set(true);
                    try {
                        statement.cancel();
                    } catch (SQLException | RuntimeException ignored) {
                        // the query ended as it was cancelled
                    }
                },
                left,
                TimeUnit.MILLISECONDS);
        this.resultSet = statement.executeQuery(sql);
    }

    /** What the engine is given to stop in, out of a query's time: a tenth of it, at most 2 s. */
    static Duration stopMargin(Duration limit) {
        var tenth = limit.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(2)) < 0 ? tenth : Duration.ofSeconds(2);
    }

    /** The rows; read at most {@link #maxRows()} of them. */
    public ResultSet resultSet() {
        return resultSet;
    }

    /** The row cap for this query. */
    public int maxRows() {
        return maxRows;
    }

    /** The products the query reads, by id. */
    public List<String> products() {
        return products;
    }

    /** Counts rows the route sent to the caller. */
    public void sent(long count) {
        rows += count;
    }

    /** Whether the execution was closed: its rows read or abandoned, its read recorded. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Milliseconds since the query arrived. */
    public long elapsedMs() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Reads up to the row cap into a result for JSON. */
    QueryResult collect() {
        try {
            var meta = resultSet.getMetaData();
            int count = meta.getColumnCount();
            var columns = new ArrayList<QueryResult.Column>(count);
            var types = new int[count];
            for (int i = 1; i <= count; i++) {
                columns.add(new QueryResult.Column(meta.getColumnName(i), meta.getColumnTypeName(i)));
                types[i - 1] = meta.getColumnType(i);
            }
            var result = new ArrayList<List<Object>>();
            boolean truncated = false;
            while (resultSet.next()) {
                if (result.size() == maxRows) {
                    truncated = true;
                    break;
                }
                var row = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    row.add(Values.of(resultSet, i, types[i - 1]));
                }
                result.add(row);
            }
            sent(result.size());
            return new QueryResult(columns, result, result.size(), truncated, elapsedMs());
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The caller's SQL failed in the engine: says why as a problem (a timeout, a restricted column, a read the
     * engine refused, or DuckDB's own message), records it and closes. The route throws what it returns.
     */
    public MeshProblem failed(SQLException e) {
        MeshProblem problem;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        var restricted = restrictedColumnIn(message);
        if (timedOut.get()) {
            problem = new MeshProblem(
                    504,
                    "Query timed out",
                    "The query ran longer than " + timeLimit.toSeconds() + " s, its wait for a turn included, and was"
                            + " cancelled: filter or aggregate more, or ask the mesh's operator for a longer"
                            + " mesh.query.timeout");
        } else if (message.contains("Out of Memory Error")) {
            problem = new MeshProblem(
                    400,
                    "Query over its memory limit",
                    "The query needed more memory than each query may use (mesh.query.memory-limit) and was stopped;"
                            + " other queries were not affected. Aggregate or filter earlier, select fewer columns,"
                            + " or ask the mesh's operator for a larger mesh.query.memory-limit. DuckDB said: "
                            + message);
        } else if (restricted != null) {
            problem = MeshProblem.forbidden("Restricted column", restricted);
        } else if (message.contains("Permission Error")) {
            problem = new MeshProblem(
                    400, "Statement refused", "The engine refused to read outside the granted products: " + message);
        } else {
            problem = new MeshProblem(400, "Query failed", message);
        }
        boolean refused = problem.status() == 403 || problem.title().equals("Statement refused");
        record(refused ? Usage.Outcome.REFUSED : Usage.Outcome.FAILED, problem.getMessage());
        close();
        return problem;
    }

    /** The statement was refused before it ran: records why and closes. */
    void refused(MeshProblem problem) {
        record(Usage.Outcome.REFUSED, problem.getMessage());
        close();
    }

    private void record(Usage.Outcome outcome, String reason) {
        if (this.outcome == Usage.Outcome.OK) {
            this.outcome = outcome;
            this.reason = reason;
        }
    }

    private String restrictedColumnIn(String message) {
        for (var product : hidden.entrySet()) {
            for (String column : product.getValue()) {
                if (message.contains("\"" + column + "\"")) {
                    return "Column " + column + " of " + product.getKey() + " is classified as restricted in its"
                            + " contract and not exposed to " + identity + ". Its owner can open it to " + identity
                            + " in the contract (customProperties: exposedTo), or publish it masked.";
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
        for (AutoCloseable resource : new AutoCloseable[] {resultSet, statement, connection}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception ignored) {
                // closing an in-memory engine: nothing to keep
            }
        }
        try {
            usage.record(new Usage(identity, products, at, rows, elapsedMs(), outcome, reason, route, sql));
        } finally {
            if (release != null) {
                release.run();
            }
        }
    }
}
