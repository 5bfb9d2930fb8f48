package dev.meshshop.platform.query;

import dev.meshshop.platform.access.MeshProblem;
import java.time.Duration;

/**
 * What one query may use: time, rows, threads and memory ({@link QueryProperties} documents each).
 */
public record QueryLimits(Duration timeout, int maxRows, int threads, String memoryLimit) {

    public static final QueryLimits DEFAULT = new QueryLimits(Duration.ofSeconds(30), 100_000, 0, "");

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
