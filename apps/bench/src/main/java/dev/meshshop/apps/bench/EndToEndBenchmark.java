package dev.meshshop.apps.bench;

import dev.meshshop.apps.local.EmbeddedMesh;
import dev.meshshop.platform.simulation.LiveTrading;
import dev.meshshop.platform.simulation.SimulatedFill;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.DomainRuntime.RefreshReport;
import dev.meshshop.platform.starter.MeshClock;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.MeshDirectory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Measures the whole mesh end to end in one JVM, filled as the launcher fills it ({@link SimulatedFill}): every
 * domain's simulator produces into Kafka at once, ingest runs meanwhile, and once every domain's events are stored,
 * each domain, producers first, cleans (Beam), models (SQL) and publishes (Parquet). A baseline is measured in the same run: checkout's cleaning as
 * one DuckDB SQL pass over its raw zone.
 *
 * <p>With {@code --clean-rounds=N} it then cleans every domain's raw zone N more times in the warm JVM, one domain
 * after the other, and checkout's cleaning as one DuckDB SQL pass in each round: the clean stage without the first
 * job's start-up, against its baseline in the same round.
 *
 * <p>With {@code --incremental-batches=N} it then sends N batches of {@code --batch-size} new events over the domains,
 * one after the other, and reports for each product a batch reaches the time from sent to visible, and the cleaning
 * work of each batch. With {@code --live-rate=R} it then lets the company trade live at R events per second for
 * {@code --live-seconds}, watches {@code --live-tail-seconds} longer for the last events to become visible, and
 * reports event time to visible per product and the ingest lag over time
 * ({@link FreshnessRuns}). Both turn on the refresh driven by data ({@code mesh.refresh-interval=1s}) after the fill,
 * as the launcher runs it.
 *
 * <pre>java -jar bench/target/mesh-bench.jar --scale=1 [--mesh.runner=flink|direct] [--seed=42] [--clean-rounds=0]
 *     [--incremental-batches=0 --batch-size=1000] [--live-rate=0 --live-seconds=120 --live-tail-seconds=30]</pre>
 */
public final class EndToEndBenchmark {

    /**
     * The embedded mesh as the launcher runs it (an embedded broker with its log in the data directory), without its
     * fill, from an emptied data directory: each run measures a mesh filled once.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EmbeddedMesh(fresh = true)
    static class Bench {}

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(option(args, "scale", "1"));
        long seed = Long.parseLong(option(args, "seed", "42"));
        int cleanRounds = Integer.parseInt(option(args, "clean-rounds", "0"));
        int batches = Integer.parseInt(option(args, "incremental-batches", "0"));
        int batchSize = Integer.parseInt(option(args, "batch-size", "1000"));
        double liveRate = Double.parseDouble(option(args, "live-rate", "0"));
        int liveSeconds = Integer.parseInt(option(args, "live-seconds", "120"));
        // how long the live run watches on after trading stopped, for the last events to become visible
        int liveTailSeconds = Integer.parseInt(option(args, "live-tail-seconds", "30"));
        if (batches < 0 || batchSize < 1 || liveRate < 0 || liveSeconds < 1 || liveTailSeconds < 0) {
            throw new IllegalArgumentException("--incremental-batches, --live-rate and --live-tail-seconds count from"
                    + " 0, --batch-size and --live-seconds from 1; were " + batches + ", " + liveRate + ", "
                    + liveTailSeconds + ", " + batchSize + ", " + liveSeconds);
        }
        var arguments = new java.util.ArrayList<>(java.util.List.of(args));
        if ((batches > 0 || liveRate > 0)
                && arguments.stream().noneMatch(arg -> arg.startsWith("--mesh.refresh-interval="))) {
            arguments.add("--mesh.refresh-interval=1s");
        }
        try (var context = new SpringApplicationBuilder(Bench.class).run(arguments.toArray(String[]::new))) {
            var mesh = context.getBean(MeshRuntime.class);
            var fill = new SimulatedFill(
                            mesh,
                            context.getBean(Simulations.class),
                            context.getBean(KafkaAdmin.class).getConfigurationProperties())
                    .run(seed, scale, new SimulatedFill.Progress() {
                        @Override
                        public void sent(Simulations.Sent sent) {
                            System.out.printf(
                                    Locale.ROOT,
                                    "  %s: %,d events sent in %.1f s%n",
                                    sent.domain(),
                                    sent.records(),
                                    sent.time().toNanos() / 1e9);
                        }

                        @Override
                        public void ingesting(String domain, long remaining) {
                            System.out.printf(Locale.ROOT, "  %s: %,d records not yet ingested%n", domain, remaining);
                        }
                    });
            if (!fill.failures().isEmpty()) {
                throw new IllegalStateException("The fill left domains without their products, so its figures would"
                        + " not be the mesh's: " + fill.failures());
            }
            var baseline = DuckDbCleaningBaseline.run(mesh.domain("checkout").area());
            System.out.println(
                    report(fill, baseline, scale, seed, context.getEnvironment().getProperty("mesh.runner", "flink")));
            if (cleanRounds > 0) {
                System.out.println(cleanRounds(mesh, cleanRounds));
            }
            if (batches > 0 || liveRate > 0) {
                var runs = new FreshnessRuns(
                        mesh,
                        context.getBean(LiveTrading.class),
                        context.getBean(Simulations.class),
                        context.getBean(MeshClock.class),
                        context.getBean(MeshDirectory.class),
                        context.getBean(KafkaAdmin.class).getConfigurationProperties());
                if (batches > 0) {
                    System.out.println(runs.batches(seed, scale, batches, batchSize));
                }
                if (liveRate > 0) {
                    System.out.println(
                            runs.live(seed, scale, liveRate, liveSeconds, Duration.ofSeconds(liveTailSeconds)));
                }
            }
        }
    }

    private static String report(SimulatedFill.Result fill, Duration baseline, double scale, long seed, String runner) {
        var report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "%nThe whole mesh end to end at scale %s (seed %d, Beam on %s): %,d events, %d products with %,d"
                        + " rows published%n%n",
                scale,
                seed,
                runner,
                fill.events(),
                fill.products(),
                fill.rowsPublished()));
        report.append("Timeline, seconds from the first event produced:\n\n");
        report.append("| domain | events | produced | ingested | clean | model | publish | published |\n");
        report.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        fill.refreshes().forEach((domain, refresh) -> {
            var sent = fill.sent().get(domain);
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %s | %s | %.2f | %.2f | %.2f |%n",
                    domain,
                    sent == null ? 0 : sent.records(),
                    sent == null ? "-" : seconds(sent.time()),
                    sent == null ? "-" : seconds(fill.ingested().get(domain)),
                    sent == null ? "-" : seconds(refresh.cleaning().totalTime()),
                    refresh.modelTime().toNanos() / 1e9,
                    refresh.publishTime().toNanos() / 1e9,
                    fill.published().get(domain).toNanos() / 1e9));
        });
        Duration clean = Duration.ZERO;
        Duration beam = Duration.ZERO;
        Duration model = Duration.ZERO;
        Duration publish = Duration.ZERO;
        for (RefreshReport refresh : fill.refreshes().values()) {
            clean = clean.plus(refresh.cleaning().totalTime());
            beam = beam.plus(refresh.cleaning().pipelineTime());
            model = model.plus(refresh.modelTime());
            publish = publish.plus(refresh.publishTime());
        }
        long events = fill.events();
        long rows = fill.rowsPublished();
        report.append(
                "\nStages, summed over the domains:\n\n| stage | time (s) | events or rows/s |\n|---|---:|---:|\n");
        row(report, "produce (all simulators -> Kafka, concurrently)", fill.produced(), events);
        row(report, "clean (Beam, incl. export from and load into DuckDB)", clean, events);
        row(report, "  of which the Beam pipelines", beam, events);
        row(report, "model (SQL)", model, rows);
        row(report, "publish (Parquet, contract and policy gates)", publish, rows);
        row(report, "**first event produced -> last product published**", fill.time(), events);
        var checkout = fill.refreshes().get("checkout").cleaning();
        row(report, "checkout: clean stage", checkout.totalTime(), checkout.input());
        row(report, "baseline: checkout's cleaning as one DuckDB SQL pass", baseline, checkout.input());
        report.append(String.format(
                Locale.ROOT,
                "%nCheckout's clean stage vs. baseline: %.2fx the baseline's time. Peak heap: %,d MiB. Cores: %d.%n",
                checkout.totalTime().toNanos() / (double) baseline.toNanos(),
                peakHeapMiB(),
                Runtime.getRuntime().availableProcessors()));
        return report.toString();
    }

    /** Cleans every domain's raw zone {@code rounds} times in the warm JVM, with the SQL baseline in each round. */
    private static String cleanRounds(MeshRuntime mesh, int rounds) {
        var report = new StringBuilder("The clean stage again, in the warm JVM:\n\n"
                + "| round | events | clean stage (s) | of which pipelines (s) | events/s | search's pipeline (events/s) |"
                + " checkout's stage (s) | checkout as one SQL pass (s) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int round = 1; round <= rounds; round++) {
            long events = 0;
            Duration stage = Duration.ZERO;
            Duration pipelines = Duration.ZERO;
            double search = 0;
            Duration checkout = Duration.ZERO;
            for (var domain : mesh.domains()) {
                var cleaned = domain.cleanFromScratch();
                events += cleaned.input();
                stage = stage.plus(cleaned.totalTime());
                pipelines = pipelines.plus(cleaned.pipelineTime());
                switch (cleaned.domain()) {
                    case "search" ->
                        search = cleaned.input() / (cleaned.pipelineTime().toNanos() / 1e9);
                    case "checkout" -> checkout = cleaned.totalTime();
                    default -> {}
                }
            }
            var baseline = DuckDbCleaningBaseline.run(mesh.domain("checkout").area());
            report.append(String.format(
                    Locale.ROOT,
                    "| %d | %,d | %s | %s | %,.0f | %,.0f | %s | %s |%n",
                    round,
                    events,
                    seconds(stage),
                    seconds(pipelines),
                    events / (stage.toNanos() / 1e9),
                    search,
                    seconds(checkout),
                    seconds(baseline)));
        }
        return report.toString();
    }

    private static String seconds(Duration time) {
        return String.format(Locale.ROOT, "%.2f", time.toNanos() / 1e9);
    }

    private static void row(StringBuilder report, String stage, Duration time, long events) {
        double seconds = time.toNanos() / 1e9;
        report.append(String.format(
                Locale.ROOT, "| %s | %.2f | %,d |%n", stage, seconds, Math.round(events / Math.max(seconds, 1e-9))));
    }

    private static long peakHeapMiB() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed())
                        .sum()
                / (1024 * 1024);
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    private EndToEndBenchmark() {}
}
