package dev.meshshop.apps.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.apps.local.MeshShopLocal;
import dev.meshshop.platform.identity.IssuerClient;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.query.QueryLimits;
import dev.meshshop.platform.query.QueryService;
import dev.meshshop.platform.starter.MeshRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A load run of the query service: the embedded mesh, filled with the simulated company, answers many concurrent
 * query clients over HTTP for a while. Every client sends its next query as soon as it has an answer, a mix of a
 * cross-domain join, an aggregate, a page of rows and a count, and now and then a query far over its memory limit.
 * The run holds when every answer came within the query timeout (or was a busy refusal, which comes sooner), no
 * answer was an unexpected error, and the process still answers afterwards; it reports the latencies, the outcomes
 * and the peak memory (heap, and the process's resident memory, which includes DuckDB's). Before the load, one client
 * alone runs the same mix for a few seconds: the baseline the load's throughput and latency are compared with.
 *
 * <pre>
 * java -Xmx3g -cp "bench/target/mesh-bench.jar:bench/target/lib/*" dev.meshshop.apps.bench.QueryLoadRun \
 *     --clients=200 --seconds=60 --scale=0.05 [--seed=42] [--hog-every=200] [--baseline-seconds=10] \
 *     [--mesh.query.concurrency=4 ...]
 * </pre>
 *
 * Options of the mesh ({@code --mesh.*}, {@code --server.*}, {@code --logging.*}) are passed to it. Exits with 1
 * when the run does not hold.
 */
public final class QueryLoadRun {

    /** What a client sends: as whom, and the statement. */
    record Query(String kind, String identity, String sql) {}

    static final List<Query> MIX = List.of(
            new Query(
                    "join",
                    "fulfillment",
                    "SELECT s.shipping_option, count(*) AS parcels, round(avg(o.total), 2) AS avg_total"
                            + " FROM checkout.orders o JOIN fulfillment.shipments s USING (order_id)"
                            + " GROUP BY ALL ORDER BY ALL"),
            new Query(
                    "aggregate",
                    "checkout",
                    "SELECT status, count(*) AS orders, round(sum(total), 2) AS total FROM checkout.orders"
                            + " GROUP BY ALL ORDER BY ALL"),
            new Query("rows", "payment", "SELECT * FROM checkout.orders ORDER BY order_id LIMIT 500"),
            new Query("count", "customer360", "SELECT count(*) AS customers FROM customer360.customer_360"));

    /** A statement no engine can spill, far over any sensible memory limit: it must fail alone. */
    static final Query HOG =
            new Query("over-memory", "checkout", "SELECT length(list(i)) AS n FROM range(400000000) t(i)");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the run found. */
    public record Result(
            int clients,
            Duration length,
            double scale,
            QueryLimits limits,
            long answers,
            long ok,
            long busy,
            long timedOut,
            long overMemory,
            long unexpected,
            long beyondTimeout,
            long hogsSent,
            long[] okLatenciesMs,
            long[] allLatenciesMs,
            long peakHeapMiB,
            long peakRssMiB,
            long rssBeforeMiB,
            boolean alive,
            List<String> unexpectedSamples,
            Result baseline) {

        /** This result with the baseline measured before it in the same run. */
        Result against(Result baseline) {
            return new Result(
                    clients,
                    length,
                    scale,
                    limits,
                    answers,
                    ok,
                    busy,
                    timedOut,
                    overMemory,
                    unexpected,
                    beyondTimeout,
                    hogsSent,
                    okLatenciesMs,
                    allLatenciesMs,
                    peakHeapMiB,
                    peakRssMiB,
                    rssBeforeMiB,
                    alive,
                    unexpectedSamples,
                    baseline);
        }

        double okPerSecond() {
            return ok / (double) length.toSeconds();
        }

        long okMedianMs() {
            return okLatenciesMs.length == 0 ? 0 : percentile(okLatenciesMs, 0.50);
        }

        /** Every answer within the timeout or a busy refusal, nothing unexpected, and the process still answers. */
        public boolean holds() {
            return answers > 0 && beyondTimeout == 0 && unexpected == 0 && alive;
        }

        String report() {
            var text = new StringBuilder();
            text.append(String.format(
                    Locale.ROOT,
                    "%nQuery load: %d clients for %d s against the embedded mesh at scale %s; query timeout %d s,"
                            + " %d queries at once, at most %d s waiting for a turn, memory limit %s per query."
                            + " Cores: %d.%n%n",
                    clients,
                    length.toSeconds(),
                    scale,
                    limits.timeout().toSeconds(),
                    limits.concurrency(),
                    limits.maxWait().toSeconds(),
                    limits.memoryLimit().isEmpty() ? "DuckDB's default" : limits.memoryLimit(),
                    Runtime.getRuntime().availableProcessors()));
            text.append("| answers | ok | busy (503) | timed out (504) | over memory (400) | unexpected |"
                    + " beyond the timeout |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            text.append(String.format(
                    Locale.ROOT,
                    "| %,d | %,d | %,d | %,d | %,d of %,d sent | %,d | %,d |%n%n",
                    answers,
                    ok,
                    busy,
                    timedOut,
                    overMemory,
                    hogsSent,
                    unexpected,
                    beyondTimeout));
            text.append("| latency (ms) | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|\n");
            text.append(latencies("ok answers", okLatenciesMs));
            text.append(latencies("every answer", allLatenciesMs));
            text.append(String.format(
                    Locale.ROOT,
                    "%nThroughput: %,.0f answers/s (%,.0f ok/s). Peak heap during the load: %,d MiB. Resident"
                            + " memory of the process: %,d MiB before the load, at most %,d MiB during it. The"
                            + " process answers after the load: %s. The run %s.%n",
                    answers / (double) length.toSeconds(),
                    ok / (double) length.toSeconds(),
                    peakHeapMiB,
                    rssBeforeMiB,
                    peakRssMiB,
                    alive ? "yes" : "NO",
                    holds() ? "holds" : "does NOT hold"));
            if (baseline != null) {
                text.append(String.format(
                        Locale.ROOT,
                        "%nBaseline in the same run, before the load: one client alone for %d s, the same mix"
                                + " without the over-memory query: %,d answers, %,d ok (%,.1f ok/s), %,d unexpected;"
                                + " median ok latency %,d ms.%n",
                        baseline.length().toSeconds(),
                        baseline.answers(),
                        baseline.ok(),
                        baseline.okPerSecond(),
                        baseline.unexpected(),
                        baseline.okMedianMs()));
                if (baseline.ok() > 0) {
                    text.append(String.format(
                            Locale.ROOT,
                            "Under the load: %.2fx the baseline's ok throughput; median ok latency %.1fx the"
                                    + " baseline's.%n",
                            okPerSecond() / baseline.okPerSecond(),
                            okMedianMs() / (double) Math.max(1, baseline.okMedianMs())));
                }
                baseline.unexpectedSamples().forEach(sample -> text.append("  unexpected in the baseline: ")
                        .append(sample)
                        .append('\n'));
            }
            unexpectedSamples.forEach(
                    sample -> text.append("  unexpected: ").append(sample).append('\n'));
            return text.toString();
        }

        private static String latencies(String what, long[] sorted) {
            if (sorted.length == 0) {
                return "| " + what + " | - | - | - | - |\n";
            }
            return String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %,d | %,d |%n",
                    what,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.95),
                    percentile(sorted, 0.99),
                    sorted[sorted.length - 1]);
        }

        private static long percentile(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    public static void main(String[] args) throws Exception {
        var result = run(args);
        System.out.println(result.report());
        System.exit(result.holds() ? 0 : 1);
    }

    /** Starts the mesh, fills it, runs the load and stops the mesh. */
    public static Result run(String... args) throws Exception {
        int clients = Integer.parseInt(option(args, "clients", "200"));
        var length = Duration.ofSeconds(Long.parseLong(option(args, "seconds", "60")));
        double scale = Double.parseDouble(option(args, "scale", "0.05"));
        String seed = option(args, "seed", "42");
        int hogEvery = Integer.parseInt(option(args, "hog-every", "200"));
        var baselineLength = Duration.ofSeconds(Long.parseLong(option(args, "baseline-seconds", "10")));
        Path dataDir = Files.createTempDirectory("mesh-query-load");
        var meshArgs = new ArrayList<>(List.of(
                "--spring.main.web-application-type=servlet", // the bench's own applications run without a server
                "--server.port=0",
                "--mesh.local.kafka-port=0",
                "--mesh.query.flight.enabled=false",
                "--mesh.data-dir=" + dataDir,
                "--mesh.local.scale=" + scale,
                "--mesh.local.seed=" + seed));
        Arrays.stream(args)
                .filter(arg -> arg.startsWith("--mesh.") || arg.startsWith("--server.") || arg.startsWith("--logging."))
                .forEach(meshArgs::add);
        try (var context = new SpringApplication(MeshShopLocal.class).run(meshArgs.toArray(String[]::new))) {
            String base = "http://localhost:"
                    + ((WebServerApplicationContext) context).getWebServer().getPort();
            var http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            bearers = bearers(context, base);
            awaitProducts(context, http, base, Duration.ofMinutes(10));
            var limits = context.getBean(QueryService.class).limits();
            var baseline = load(http, base, 1, baselineLength, scale, limits, 0);
            return load(http, base, clients, length, scale, limits, hogEvery).against(baseline);
        } finally {
            deleteQuietly(dataDir);
        }
    }

    private static Result load(
            HttpClient http, String base, int clients, Duration length, double scale, QueryLimits limits, int hogEvery)
            throws Exception {
        var memory = new MemoryWatch();
        long rssBefore = MemoryWatch.rssMiB();
        var okLatencies = new ArrayList<long[]>();
        var allLatencies = new ArrayList<long[]>();
        // ok, busy, timed out, over memory, unexpected (an unexpected answer or none), beyond the timeout, hogs sent
        var counts = new AtomicLong[7];
        Arrays.setAll(counts, i -> new AtomicLong());
        var unexpectedSamples = java.util.Collections.synchronizedList(new ArrayList<String>());
        long grace = limits.timeout().toNanos();
        long deadline = System.nanoTime() + length.toNanos();
        var sent = new AtomicLong();
        var pool = Executors.newFixedThreadPool(clients);
        var futures = new ArrayList<java.util.concurrent.Future<long[][]>>();
        for (int client = 0; client < clients; client++) {
            int offset = client;
            futures.add(pool.submit(() -> {
                var ok = new long[1 << 12];
                var all = new long[1 << 12];
                int okCount = 0;
                int allCount = 0;
                for (int i = offset; System.nanoTime() < deadline; i++) {
                    long n = sent.incrementAndGet();
                    var query = hogEvery > 0 && n % hogEvery == 0 ? HOG : MIX.get(i % MIX.size());
                    if (query == HOG) {
                        counts[6].incrementAndGet();
                    }
                    long start = System.nanoTime();
                    HttpResponse<String> response;
                    try {
                        response = http.send(
                                request(base, query, limits.timeout().plusSeconds(30)),
                                HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        counts[4].incrementAndGet();
                        sample(unexpectedSamples, query.kind() + ": " + e);
                        continue;
                    }
                    long nanos = System.nanoTime() - start;
                    long ms = nanos / 1_000_000;
                    if (allCount == all.length) {
                        all = Arrays.copyOf(all, all.length * 2);
                    }
                    all[allCount++] = ms;
                    if (nanos > grace) {
                        counts[5].incrementAndGet();
                    }
                    int status = response.statusCode();
                    if (status == 200) {
                        if (okCount == ok.length) {
                            ok = Arrays.copyOf(ok, ok.length * 2);
                        }
                        ok[okCount++] = ms;
                        counts[0].incrementAndGet();
                    } else if (status == 503
                            && response.headers().firstValue("Retry-After").isPresent()) {
                        counts[1].incrementAndGet();
                    } else if (status == 504) {
                        counts[2].incrementAndGet();
                    } else if (status == 400 && query == HOG && response.body().contains("memory limit")) {
                        counts[3].incrementAndGet();
                    } else {
                        counts[4].incrementAndGet();
                        sample(unexpectedSamples, query.kind() + ": " + status + " " + response.body());
                    }
                }
                return new long[][] {Arrays.copyOf(ok, okCount), Arrays.copyOf(all, allCount)};
            }));
        }
        for (var future : futures) {
            var latencies = future.get(length.toSeconds() + limits.timeout().toSeconds() + 120, TimeUnit.SECONDS);
            okLatencies.add(latencies[0]);
            allLatencies.add(latencies[1]);
        }
        pool.shutdown();
        memory.stop();
        boolean alive = alive(http, base);
        long[] ok = merged(okLatencies);
        long[] all = merged(allLatencies);
        return new Result(
                clients,
                length,
                scale,
                limits,
                all.length,
                counts[0].get(),
                counts[1].get(),
                counts[2].get(),
                counts[3].get(),
                counts[4].get(),
                counts[5].get(),
                counts[6].get(),
                ok,
                all,
                memory.peakHeapMiB(),
                Math.max(memory.peakRssMiB(), rssBefore),
                rssBefore,
                alive,
                List.copyOf(unexpectedSamples),
                null);
    }

    /**
     * The {@code Authorization} value of each identity the load sends, and of the platform: a token of its client
     * from the mesh's issuer, valid 30 minutes (longer than a run).
     */
    private static volatile Map<String, String> bearers = Map.of();

    private static Map<String, String> bearers(ConfigurableApplicationContext context, String base) {
        var identities = context.getBean(MeshIdentities.class);
        var issuer = new IssuerClient(URI.create(base));
        var who = new java.util.TreeSet<String>();
        MIX.forEach(query -> who.add(query.identity()));
        who.add(HOG.identity());
        var bearers = new java.util.HashMap<String, String>();
        for (String domain : who) {
            String client = domain + MeshIdentities.CLIENT_SUFFIX;
            bearers.put(domain, "Bearer " + issuer.token(client, identities.clientSecret(client)));
        }
        bearers.put(
                MeshIdentities.PLATFORM,
                "Bearer " + issuer.token(MeshIdentities.PLATFORM, identities.clientSecret(MeshIdentities.PLATFORM)));
        return Map.copyOf(bearers);
    }

    private static HttpRequest request(String base, Query query, Duration timeout) throws IOException {
        var body = JSON.writeValueAsString(java.util.Map.of("sql", query.sql()));
        return HttpRequest.newBuilder(URI.create(base + "/api/query"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", bearers.get(query.identity()))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /** Waits until every product the mesh's domains declare is in the catalog: the fill has published them. */
    private static void awaitProducts(
            ConfigurableApplicationContext context, HttpClient http, String base, Duration timeout) throws Exception {
        int expected = context.getBean(MeshRuntime.class).domains().stream()
                .mapToInt(domain -> domain.products().size())
                .sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        int published = 0;
        while (System.nanoTime() < deadline) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/products"))
                            .header("Authorization", bearers.get(MeshIdentities.PLATFORM))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            published = response.statusCode() == 200
                    ? JSON.readTree(response.body()).size()
                    : 0;
            if (published >= expected) {
                System.out.printf(Locale.ROOT, "The mesh has published its %d products; the load begins.%n", expected);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The mesh published " + published + " of its " + expected + " products in "
                + timeout.toSeconds() + " s; its log says why");
    }

    /** After the load: health is UP and a query is answered. */
    private static boolean alive(HttpClient http, String base) {
        try {
            var health = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var query =
                    http.send(request(base, MIX.get(1), Duration.ofSeconds(60)), HttpResponse.BodyHandlers.ofString());
            return health.body().contains("\"status\":\"UP\"") && query.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sample(List<String> samples, String text) {
        if (samples.size() < 10) {
            samples.add(text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    private static long[] merged(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** Samples the heap and the process's resident memory while the load runs. */
    private static final class MemoryWatch {

        private final List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        private final AtomicLong peakRss = new AtomicLong();
        private final AtomicLong peakHeap = new AtomicLong();
        private final java.util.concurrent.ScheduledExecutorService sampler =
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    var thread = new Thread(runnable, "load-memory-watch");
                    thread.setDaemon(true);
                    return thread;
                });

        MemoryWatch() {
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
        }

        private void sample() {
            peakRss.accumulateAndGet(rssMiB(), Math::max);
            long used =
                    heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum() >> 20;
            peakHeap.accumulateAndGet(used, Math::max);
        }

        void stop() {
            sampler.shutdownNow();
            sample();
        }

        long peakRssMiB() {
            return peakRss.get();
        }

        /** The larger of the sampled peak and the pools' own peaks, which see between samples. */
        long peakHeapMiB() {
            long pools = heap.stream()
                            .mapToLong(pool -> pool.getPeakUsage().getUsed())
                            .sum()
                    >> 20;
            return Math.max(pools, peakHeap.get());
        }

        /** The process's resident memory (Linux), heap, DuckDB and everything else; 0 where it cannot be read. */
        static long rssMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: the heap figures remain
            }
            return 0;
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder: the system removes it eventually
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    private QueryLoadRun() {}
}
