package dev.meshshop.platform.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query service's limits, under {@code mesh.query.*}.
 *
 * @param timeout how long a query may run, from its arrival to its last row; it is cancelled after that
 * @param maxRows the most rows a query returns; a request's {@code maxRows} may ask for fewer, and one without
 *     gets this many
 * @param threads the threads each query's DuckDB uses; 0 is one per core
 * @param memoryLimit the memory each query's DuckDB may use, such as {@code 1GB}: past it, DuckDB spills what it
 *     can to disk, and a query that still needs more fails alone (400); empty is DuckDB's default, 80% of the
 *     machine's memory for every query
 * @param concurrency how many queries run at once; the others wait for their turn. With {@code memoryLimit}, it
 *     bounds the memory all queries take together
 * @param maxWait how long a query waits for its turn before it is refused as busy (503 with {@code Retry-After});
 *     the wait counts in its timeout
 * @param flight the Arrow Flight SQL route for JDBC and ADBC clients
 */
@ConfigurationProperties("mesh.query")
public record QueryProperties(
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("100000") int maxRows,
        @DefaultValue("0") int threads,
        @DefaultValue("1GB") String memoryLimit,
        @DefaultValue("4") int concurrency,
        @DefaultValue("10s") Duration maxWait,
        @DefaultValue Flight flight) {

    /**
     * Where Flight SQL listens.
     *
     * @param enabled whether to serve it
     * @param host the interface to listen on; {@code localhost} by default, since callers name themselves
     * @param port the port; 0 picks a free one
     */
    public record Flight(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("localhost") String host,
            @DefaultValue("32010") int port) {}

    /** The limits as the query service applies them. */
    public QueryLimits limits() {
        return new QueryLimits(timeout, maxRows, threads, memoryLimit, concurrency, maxWait);
    }
}
