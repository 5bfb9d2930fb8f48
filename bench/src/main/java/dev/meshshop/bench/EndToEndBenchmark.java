package dev.meshshop.bench;

import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.DomainRuntime.RefreshReport;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.Simulations;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Measures the whole mesh end to end in one JVM, stage by stage: produce (every domain's simulator into Kafka, all
 * at once), ingest (Kafka into the raw zones, running while produce runs), then per domain, producers first:
 * clean (Beam), model (SQL) and publish (Parquet). A baseline is measured in the same run: checkout's cleaning as
 * one DuckDB SQL pass over its raw zone.
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
            long start = System.nanoTime();

            var producers = new ArrayList<CompletableFuture<Simulations.Sent>>();
            for (DomainRuntime domain : mesh.domains()) {
                if (domain.domain().simulator().isPresent()) {
                    producers.add(CompletableFuture.supplyAsync(
                            () -> simulations.run(domain.domain(), seed, scale, count -> {})));
                }
            }
            var produced = CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new));
            long ingestEnd;
            try (var admin = Admin.create(context.getBean(KafkaAdmin.class).getConfigurationProperties())) {
                long lastReport = 0;
                while (!produced.isDone() || remaining(mesh, admin) > 0) {
                    if (System.nanoTime() - lastReport > 2_000_000_000L) {
                        System.out.printf(
                                Locale.ROOT,
                                "  %5.1f s: %s, %,d records not yet ingested%n",
                                (System.nanoTime() - start) / 1e9,
                                produced.isDone() ? "produced" : "producing",
                                remaining(mesh, admin));
                        lastReport = System.nanoTime();
                    }
                    Thread.sleep(50);
                }
                ingestEnd = System.nanoTime();
            }
            long produceEnd = producers.stream()
                    .mapToLong(producer -> producer.join().time().toNanos())
                    .max()
                    .orElse(0);
            long events = producers.stream()
                    .mapToLong(producer -> producer.join().records())
                    .sum();

            Map<String, RefreshReport> refreshes = new LinkedHashMap<>();
            for (DomainRuntime domain : mesh.domains()) {
                refreshes.put(domain.domain().name(), domain.refresh());
            }
            long end = System.nanoTime();
            var baseline = DuckDbCleaningBaseline.run(mesh.domain("checkout").area());

            var report = new StringBuilder();
            long rows = refreshes.values().stream()
                    .flatMap(refresh -> refresh.snapshots().stream())
                    .mapToLong(snapshot -> snapshot.rowCount())
                    .sum();
            long products = refreshes.values().stream()
                    .mapToLong(refresh -> refresh.snapshots().size())
                    .sum();
            report.append(String.format(
                    Locale.ROOT,
                    "%nThe whole mesh end to end at scale %s (seed %d): %,d events, %d products with %,d rows"
                            + " published%n%n",
                    scale,
                    seed,
                    events,
                    products,
                    rows));
            report.append("| stage | time (s) | events or rows/s |\n|---|---:|---:|\n");
            row(report, "produce (all simulators -> Kafka, concurrently)", Duration.ofNanos(produceEnd), events);
            row(
                    report,
                    "ingest (Kafka -> raw zones, concurrent with produce)",
                    Duration.ofNanos(ingestEnd - start),
                    events);
            Duration clean = Duration.ZERO;
            Duration model = Duration.ZERO;
            Duration publish = Duration.ZERO;
            long cleaned = 0;
            for (var refresh : refreshes.values()) {
                var cleaning = refresh.cleaning();
                clean = clean.plus(cleaning.totalTime());
                model = model.plus(refresh.modelTime());
                publish = publish.plus(refresh.publishTime());
                cleaned += cleaning.input();
                long published = refresh.snapshots().stream()
                        .mapToLong(snapshot -> snapshot.rowCount())
                        .sum();
                if (cleaning.input() > 0) {
                    row(report, "  " + refresh.domain() + ": clean", cleaning.totalTime(), cleaning.input());
                    row(report, "  " + refresh.domain() + ": of which Beam", cleaning.pipelineTime(), cleaning.input());
                }
                row(report, "  " + refresh.domain() + ": model", refresh.modelTime(), cleaning.clean());
                row(report, "  " + refresh.domain() + ": publish", refresh.publishTime(), published);
            }
            row(
                    report,
                    "clean, all domains (Beam on " + context.getEnvironment().getProperty("mesh.runner", "flink")
                            + ", incl. export and load)",
                    clean,
                    cleaned);
            row(report, "model, all domains (SQL)", model, rows);
            row(report, "publish, all domains (Parquet, contract and policy gates)", publish, rows);
            row(report, "**first event produced -> last product published**", Duration.ofNanos(end - start), events);
            var checkout = refreshes.get("checkout").cleaning();
            row(report, "checkout clean stage", checkout.totalTime(), checkout.input());
            row(report, "baseline: checkout's cleaning as one DuckDB SQL pass", baseline, checkout.input());
            report.append(String.format(
                    Locale.ROOT,
                    "%nCheckout's clean stage vs. baseline: %.2fx the baseline's time. Peak heap: %,d MiB. Cores: %d.%n",
                    checkout.totalTime().toNanos() / (double) baseline.toNanos(),
                    peakHeapMiB(),
                    Runtime.getRuntime().availableProcessors()));
            System.out.println(report);
        }
    }

    private static long remaining(MeshRuntime mesh, Admin admin) {
        return mesh.domains().stream()
                .mapToLong(domain -> domain.ingestRemaining(admin))
                .sum();
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
