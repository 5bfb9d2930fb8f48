package dev.meshshop.platform.query;

import dev.meshshop.platform.access.MeshProblem;
import java.time.Duration;

/**
 * What one query may use, and how many run at once ({@link QueryProperties} documents each): time, rows, threads,
 * memory; {@code concurrency} queries run at a time, and a query waits for its turn at most {@code maxWait} (and
 * never past its timeout, which counts from its arrival).
 */
public record QueryLimits(
        Duration timeout, int maxRows, int threads, String memoryLimit, int concurrency, Duration maxWait) {

    /** The defaults of {@code mesh.query.*}, for a laptop. */
    public static final QueryLimits DEFAULT =
            new QueryLimits(Duration.ofSeconds(30), 100_000, 0, "1GB", 4, Duration.ofSeconds(10));

    public QueryLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("mesh.query.timeout must be positive, such as 30s");
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("mesh.query.max-rows must be at least 1");
        }
        memoryLimit = memoryLimit == null ? "" : memoryLimit.trim();
        if (!memoryLimit.matches("|[0-9.]+ ?[KMGT]i?B")) {
            throw new IllegalArgumentException(
                    "mesh.query.memory-limit '" + memoryLimit + "' is not a size such as 512MB or 4GB");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException(
                    "mesh.query.concurrency must be at least 1 (queries run at once), not " + concurrency);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("mesh.query.max-wait must not be negative, such as 10s");
        }
    }

    /**
     * Limits without a bound on memory or concurrency beyond the defaults: DuckDB's own memory limit, the default
     * concurrency and wait.
     */
    public QueryLimits(Duration timeout, int maxRows, int threads, String memoryLimit) {
        this(timeout, maxRows, threads, memoryLimit, DEFAULT.concurrency(), DEFAULT.maxWait());
    }

    /** How long a query waits for its turn: at most {@code maxWait}, and never longer than its timeout. */
    Duration waitLimit() {
        return maxWait.compareTo(timeout) < 0 ? maxWait : timeout;
    }

    /** The rows a request that asks for {@code requested} gets: the maximum when it asks for none or more. */
    int rowsFor(Integer requested) {
        if (requested == null) {
            return maxRows;
        }
        if (requested < 1) {
            throw MeshProblem.invalid("maxRows must be at least 1; leave it out for the maximum, " + maxRows);
        }
        return Math.min(requested, maxRows);
    }
}
