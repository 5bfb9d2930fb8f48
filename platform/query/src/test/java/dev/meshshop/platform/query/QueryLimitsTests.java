package dev.meshshop.platform.query;

import static dev.meshshop.platform.query.ShopProducts.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one query may take from the others: its memory is bounded, so a query over the limit fails alone while the
 * others go on; and only so many run at once, the rest waiting their turn within their timeout or refused as busy.
 * Real DuckDB engines over real published Parquet.
 */
class QueryLimitsTests {

    /** A statement DuckDB cannot spill: one list of 40 million numbers, about 320 MB, far over the limit below. */
    static final String OVER_THE_LIMIT = "SELECT length(list(i)) AS n FROM range(40000000) t(i)";

    static final String SMALL = "SELECT count(*) AS orders, sum(total) AS total FROM checkout.orders";

    @TempDir
    static Path dataDir;

    static MeshLayout layout;
    static AccessRequests access;
    static UsageLog usage;

    @BeforeAll
    static void publishAndGrant() {
        layout = new MeshLayout(dataDir);
        ShopProducts.publish(layout);
        access = ShopProducts.access(layout);
        usage = new UsageLog(layout, 1_000);
        ShopProducts.grant(access, "fulfillment", ORDERS);
    }

    @Test
    void aQueryOverItsMemoryLimitFailsAloneWhileTheOthersSucceed() throws Exception {
        var limits = new QueryLimits(Duration.ofSeconds(60), 1_000, 1, "64MB", 4, Duration.ofSeconds(60));
        try (var queries = new QueryService(layout, access, usage, limits, Clock.systemUTC())) {
            var pool = Executors.newFixedThreadPool(4);
            try {
                var go = new CountDownLatch(1);
                var heavy = new ArrayList<Future<QueryResult>>();
                var light = new ArrayList<Future<List<QueryResult>>>();
                var heavyRunning = new java.util.concurrent.atomic.AtomicInteger(2);
                for (int i = 0; i < 2; i++) {
                    heavy.add(pool.submit(after(go, () -> {
                        try {
                            return queries.query("fulfillment", OVER_THE_LIMIT, null);
                        } finally {
                            heavyRunning.decrementAndGet();
                        }
                    })));
                }
                for (int i = 0; i < 2; i++) { // small queries, one after the other, for as long as a heavy one runs
                    light.add(pool.submit(after(go, () -> {
                        var results = new ArrayList<QueryResult>();
                        while (heavyRunning.get() > 0 || results.size() < 5) {
                            results.add(queries.query("fulfillment", SMALL, null));
                        }
                        return results;
                    })));
                }
                go.countDown();

                for (var query : heavy) {
                    assertThatThrownBy(() -> getOrThrowCause(query))
                            .isInstanceOfSatisfying(MeshProblem.class, problem -> {
                                assertThat(problem.status()).isEqualTo(400);
                                assertThat(problem.title()).isEqualTo("Query over its memory limit");
                                assertThat(problem.getMessage()).contains("mesh.query.memory-limit");
                            });
                }
                for (var query : light) {
                    var results = query.get(60, TimeUnit.SECONDS);
                    assertThat(results).hasSizeGreaterThanOrEqualTo(5).allSatisfy(result -> assertThat(result.rows())
                            .containsExactly(List.of(3L, new java.math.BigDecimal("170.00"))));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        var failed = usage.list(null, "fulfillment").stream()
                .filter(read -> read.outcome() == Usage.Outcome.FAILED)
                .filter(read -> read.sql().equals(OVER_THE_LIMIT))
                .toList();
        assertThat(failed).hasSize(2);
    }

    @Test
    void aQueryWaitsForItsTurnAndIsRefusedAsBusyWhenNoneComes() throws Exception {
        var limits = new QueryLimits(Duration.ofSeconds(30), 1_000, 1, "64MB", 1, Duration.ofMillis(300));
        try (var queries = new QueryService(layout, access, usage, limits, Clock.systemUTC())) {
            var holding = queries.start("fulfillment", SMALL, null, "csv"); // its rows not read yet: it keeps its turn

            assertThatThrownBy(() -> queries.query("fulfillment", SMALL, null))
                    .isInstanceOfSatisfying(MeshProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(503);
                        assertThat(problem.title()).isEqualTo("Busy");
                        assertThat(problem.retryAfterSeconds()).isPositive();
                        assertThat(problem.getMessage()).contains("mesh.query.concurrency", "mesh.query.max-wait");
                    });

            var pool = Executors.newSingleThreadExecutor();
            try {
                var waiting = pool.submit(() -> queries.query("fulfillment", SMALL, null));
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> queries.waiting() == 1);
                holding.close();
                assertThat(waiting.get(10, TimeUnit.SECONDS).rowCount()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(usage.list(null, "fulfillment"))
                .anySatisfy(read -> assertThat(read.reason()).startsWith("The query service runs 1 queries at once"));
    }

    @Test
    void theWaitForATurnCountsInTheTimeout() throws Exception {
        var limits = new QueryLimits(Duration.ofMillis(500), 1_000, 1, "64MB", 1, Duration.ofSeconds(60));
        assertThat(limits.waitLimit()).isEqualTo(Duration.ofMillis(500));
        try (var queries = new QueryService(layout, access, usage, limits, Clock.systemUTC())) {
            try (var holding = queries.start("fulfillment", SMALL, null, "csv")) {
                assertThatThrownBy(() -> queries.query("fulfillment", SMALL, null))
                        .isInstanceOfSatisfying(MeshProblem.class, problem -> assertThat(problem.status())
                                .isEqualTo(503));
            }
        }
    }

    private static <T> Callable<T> after(CountDownLatch go, Callable<T> task) {
        return () -> {
            go.await();
            return task.call();
        };
    }

    private static <T> T getOrThrowCause(Future<T> future) throws Throwable {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }
}
