package dev.meshshop.bench;

import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.Simulations;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Measures checkout's path end to end in one JVM, stage by stage: produce (the simulator into Kafka), ingest
 * (Kafka into the raw zone, running while produce runs), clean (Beam), model (SQL) and publish (Parquet).
 * A baseline is measured in the same run: the same cleaning as one DuckDB SQL pass over the raw zone.
 *
 * <pre>java -jar bench/target/mesh-bench.jar --scale=1 [--mesh.runner=flink|direct] [--seed=42]</pre>
 */
public final class EndToEndBenchmark {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Bench {}

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(option(args, "scale", "1"));
        long seed = Long.parseLong(option(args, "seed", "42"));
        try (var context = new SpringApplicationBuilder(Bench.class).run(args)) {
            var mesh = context.getBean(MeshRuntime.class);
            var simulations = context.getBean(Simulations.class);
            var checkout = mesh.domain("checkout");
            long start = System.nanoTime();

            var produced =
                    CompletableFuture.supplyAsync(() -> simulations.run(checkout.domain(), seed, scale, count -> {}));
            long ingestEnd;
            try (var admin = Admin.create(context.getBean(KafkaAdmin.class).getConfigurationProperties())) {
                long lastReport = 0;
                long remaining;
                while (!produced.isDone() || (remaining = checkout.ingestRemaining(admin)) > 0) {
                    if (System.nanoTime() - lastReport > 2_000_000_000L) {
                        System.out.printf(
                                Locale.ROOT,
                                "  %5.1f s: %s, %,d records not yet ingested%n",
                                (System.nanoTime() - start) / 1e9,
                                produced.isDone() ? "produced" : "producing",
                                checkout.ingestRemaining(admin));
                        lastReport = System.nanoTime();
                    }
                    Thread.sleep(50);
                }
                ingestEnd = System.nanoTime();
            }
            var sent = produced.join();
            var refresh = checkout.refresh();
            long end = System.nanoTime();
            var baseline = DuckDbCleaningBaseline.run(checkout.area());

            var cleaning = refresh.cleaning();
            long events = sent.records();
            var report = new StringBuilder();
            report.append(String.format(
                    Locale.ROOT,
                    "%nCheckout end to end at scale %s (seed %d): %,d events, %,d orders published%n%n",
                    scale,
                    seed,
                    events,
                    refresh.snapshots().get(0).rowCount()));
            report.append("| stage | time (s) | events/s |\n|---|---:|---:|\n");
            row(report, "produce (simulator -> Kafka)", sent.time(), events);
            row(
                    report,
                    "ingest (Kafka -> raw zone, concurrent with produce)",
                    Duration.ofNanos(ingestEnd - start),
                    events);
            row(
                    report,
                    "clean (Beam on " + context.getEnvironment().getProperty("mesh.runner", "flink")
                            + ", incl. export and load)",
                    cleaning.totalTime(),
                    cleaning.input());
            row(report, "  of which the Beam pipeline", cleaning.pipelineTime(), cleaning.input());
            row(report, "model (SQL)", refresh.modelTime(), cleaning.clean());
            row(
                    report,
                    "publish (Parquet, write-audit-publish, contract and policy gates)",
                    refresh.publishTime(),
                    refresh.snapshots().get(0).rowCount());
            row(report, "**first event produced -> orders published**", Duration.ofNanos(end - start), events);
            row(report, "baseline: the same cleaning as one DuckDB SQL pass", baseline, cleaning.input());
            report.append(String.format(
                    Locale.ROOT,
                    "%nClean stage vs. baseline: %.2fx the baseline's time. Peak heap: %,d MiB. Cores: %d.%n",
                    cleaning.totalTime().toNanos() / (double) baseline.toNanos(),
                    peakHeapMiB(),
                    Runtime.getRuntime().availableProcessors()));
            System.out.println(report);
        }
    }

    private static void row(StringBuilder report, String stage, Duration time, long events) {
        double seconds = time.toNanos() / 1e9;
        report.append(
                String.format(Locale.ROOT, "| %s | %.2f | %,d |%n", stage, seconds, Math.round(events / seconds)));
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
