package dev.meshshop.platform.simulation;

import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.DomainRuntime.RefreshReport;
import dev.meshshop.platform.starter.MeshRuntime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.apache.kafka.clients.admin.Admin;

/**
 * Fills a mesh with a simulated company: every domain's simulated system sends its events at the same time while
 * ingest stores them; once every raw zone holds its events, the domains refresh (clean, model, publish) one after
 * another in the mesh's order, so the producers of an input port have published before their consumers read it.
 * The launcher and the end-to-end benchmark both fill the mesh this way, so the benchmark measures what a user
 * runs.
 *
 * <p>Cleaning is CPU-bound: on two cores, refreshing a domain while others still ingest, or two domains at once,
 * made the whole fill slower, not faster (docs/BENCHMARKS.md).
 */
public final class SimulatedFill {

    /** How long ingest may make no progress at all before the fill gives up. */
    static final Duration STALL_LIMIT = Duration.ofMinutes(2);

    private final MeshRuntime mesh;
    private final Simulations simulations;
    private final Map<String, Object> adminConfig;

    /** @param adminConfig Kafka admin settings, to ask the broker how far ingest has come */
    public SimulatedFill(MeshRuntime mesh, Simulations simulations, Map<String, Object> adminConfig) {
        this.mesh = mesh;
        this.simulations = simulations;
        this.adminConfig = Map.copyOf(adminConfig);
    }

    /** What the fill reports while it works; every method is called from the fill's own threads. */
    public interface Progress {

        /** A domain's simulator has sent {@code sent} events so far (every 100,000). */
        default void sending(String domain, long sent) {}

        /** Kafka acknowledged every event of a domain's simulator. */
        default void sent(Simulations.Sent sent) {}

        /** Ingest of a domain is behind by {@code remaining} records (every few seconds while it waits). */
        default void ingesting(String domain, long remaining) {}

        /** A domain published its products. */
        default void refreshed(RefreshReport report) {}
    }

    /**
     * What the fill did, each moment measured from its start.
     *
     * @param sent per simulating domain, what its simulator sent and how long it took
     * @param ingested per domain, when its raw zone held every event sent
     * @param published per domain, when its products were published
     * @param refreshes per domain in refresh order, what its refresh did stage by stage
     * @param failures per domain whose refresh failed or was refused, why (it kept its last products)
     */
    public record Result(
            Duration time,
            Map<String, Simulations.Sent> sent,
            Map<String, Duration> ingested,
            Map<String, Duration> published,
            Map<String, RefreshReport> refreshes,
            Map<String, String> failures) {

        public long events() {
            return sent.values().stream().mapToLong(Simulations.Sent::records).sum();
        }

        /** When the last simulator had all its events acknowledged. */
        public Duration produced() {
            return sent.values().stream()
                    .map(Simulations.Sent::time)
                    .max(Duration::compareTo)
                    .orElse(Duration.ZERO);
        }

        /** The products published: a product served in two versions side by side counts once. */
        public long products() {
            return refreshes.values().stream()
                    .flatMap(report -> report.snapshots().stream())
                    .map(snapshot -> snapshot.product())
                    .distinct()
                    .count();
        }

        public long rowsPublished() {
            return refreshes.values().stream()
                    .flatMap(report -> report.snapshots().stream())
                    .mapToLong(snapshot -> snapshot.rowCount())
                    .sum();
        }
    }

    /**
     * Runs every simulator for {@code seed} and {@code scale} and refreshes every domain once. Fails, naming the
     * domain, when a simulator cannot send or ingest stalls. A domain whose refresh fails or is refused keeps its last
     * products, the others go on, and the result names it with its reason ({@link Result#failures}).
     */
    public Result run(long seed, double scale, Progress progress) {
        long start = System.nanoTime();
        mesh.pauseRefresh();
        var simulating = new LinkedHashMap<String, CompletableFuture<Simulations.Sent>>();
        ExecutorService senders = Executors.newCachedThreadPool(daemonThreads("mesh-simulator"));
        try (var admin = Admin.create(adminConfig)) {
            for (DomainRuntime domain : mesh.domains()) {
                if (simulations.simulates(domain.domain().name())) {
                    simulating.put(
                            domain.domain().name(),
                            CompletableFuture.supplyAsync(() -> simulate(domain, seed, scale, progress), senders));
                }
            }
            var sent = new LinkedHashMap<String, Simulations.Sent>();
            var ingested = new LinkedHashMap<String, Duration>();
            for (DomainRuntime domain : mesh.domains()) {
                String name = domain.domain().name();
                var simulation = simulating.get(name);
                if (simulation != null) {
                    sent.put(name, join(simulation));
                    awaitIngest(domain, admin, progress);
                }
                ingested.put(name, since(start));
            }
            // every domain once, then those whose optional input ports were published after they refreshed
            // (fulfillment scores its parcels with the model trained on them); a refused domain keeps its last
            // products and the others go on
            var published = new LinkedHashMap<String, Duration>();
            var refreshed = mesh.refreshEveryDomain(report -> {
                published.put(report.domain(), since(start));
                progress.refreshed(report);
            });
            return new Result(since(start), sent, ingested, published, refreshed.reports(), refreshed.failures());
        } finally {
            senders.shutdownNow();
            mesh.resumeRefresh();
        }
    }

    private Simulations.Sent simulate(DomainRuntime domain, long seed, double scale, Progress progress) {
        String name = domain.domain().name();
        var sent = simulations.run(name, seed, scale, count -> progress.sending(name, count));
        progress.sent(sent);
        return sent;
    }

    private static void awaitIngest(DomainRuntime domain, Admin admin, Progress progress) {
        long remaining = domain.ingestRemaining(admin);
        long lowest = remaining;
        long progressedAt = System.nanoTime();
        long reportedAt = 0;
        while (remaining > 0) {
            long now = System.nanoTime();
            if (remaining < lowest) {
                lowest = remaining;
                progressedAt = now;
            } else if (now - progressedAt > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("Ingest of " + domain.domain().name() + " made no progress for "
                        + STALL_LIMIT.toSeconds() + " s with " + remaining + " records left; its consumer may have"
                        + " stopped: see the log of DomainIngestor and the broker's health");
            }
            if (now - reportedAt > 2_000_000_000L) {
                progress.ingesting(domain.domain().name(), remaining);
                reportedAt = now;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "Interrupted while waiting for the ingest of "
                                + domain.domain().name(),
                        e);
            }
            remaining = domain.ingestRemaining(admin);
        }
    }

    private static <T> T join(CompletableFuture<T> simulation) {
        try {
            return simulation.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
