package dev.meshshop.apps.bench;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.contracts.lint.ContractLinter;
import dev.meshshop.platform.simulation.LiveTrading;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.DomainRuntime.RefreshReport;
import dev.meshshop.platform.starter.MeshClock;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.Snapshot;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;

/**
 * The two freshness benchmarks, run in the warm JVM after the fill, with the refresh driven by data on as the
 * launcher runs it.
 *
 * <ul>
 *   <li>{@link #batches}: batches of new business ({@link LiveTrading#batch}), each sent at once; for every product
 *       a batch reaches, the time from sent (every record acknowledged by Kafka) to visible (its last snapshot of the
 *       batch published, which is what the query service then reads), and the cleaning work the batch set off.
 *   <li>{@link #live}: live trading at a rate for a while; per product, event time to visible (in the mesh's time),
 *       and the ingest lag over the domains every second.
 * </ul>
 */
final class FreshnessRuns {

    /** How long every domain must have been idle before a batch counts as done. */
    static final Duration SETTLED = Duration.ofSeconds(3);

    /** How long a batch may take to become visible before the run gives up on it. */
    static final Duration BATCH_LIMIT = Duration.ofMinutes(5);

    private final MeshRuntime mesh;
    private final LiveTrading live;
    private final Simulations simulations;
    private final MeshClock clock;
    private final MeshDirectory directory;
    private final Map<String, Object> adminConfig;

    FreshnessRuns(
            MeshRuntime mesh,
            LiveTrading live,
            Simulations simulations,
            MeshClock clock,
            MeshDirectory directory,
            Map<String, Object> adminConfig) {
        this.mesh = mesh;
        this.live = live;
        this.simulations = simulations;
        this.clock = clock;
        this.directory = directory;
        this.adminConfig = adminConfig;
    }

    /** A refresh seen to have finished, and when it was seen. */
    private record Seen(String domain, RefreshReport report, long atNanos) {}

    /** Notices every refresh that finishes, by looking at each domain's last refresh every few milliseconds. */
    private final class Watcher implements AutoCloseable {

        final List<Seen> seen = new CopyOnWriteArrayList<>();
        private final Map<String, RefreshReport> last = new HashMap<>();
        private final Thread thread;
        private volatile boolean stopped;

        Watcher() {
            mesh.domains().forEach(domain -> last.put(domain.domain().name(), domain.lastRefresh()));
            thread = new Thread(this::watch, "bench-refresh-watcher");
            thread.setDaemon(true);
            thread.start();
        }

        private void watch() {
            while (!stopped) {
                for (DomainRuntime domain : mesh.domains()) {
                    var report = domain.lastRefresh();
                    String name = domain.domain().name();
                    if (report != null && report != last.get(name)) {
                        last.put(name, report);
                        seen.add(new Seen(name, report, System.nanoTime()));
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join();
        }
    }

    /**
     * Sends {@code batches} batches of about {@code batchSize} events over the domains, one after the other, each
     * once the last is visible everywhere it reached.
     */
    String batches(long seed, double scale, int batches, int batchSize) throws Exception {
        var latencies = new TreeMap<String, List<Double>>();
        var report = new StringBuilder(String.format(
                Locale.ROOT,
                "Incremental: %d batches of about %,d new events over the domains, each sent at once after the last"
                        + " was visible (scale %s)%n%n| batch | events | cleaned (raw records) | cleaning (s) | refreshes |"
                        + " slowest product | sent -> visible, slowest (s) |%n|---:|---:|---:|---:|---:|---|---:|%n",
                batches,
                batchSize,
                scale));
        var cleaningSeconds = new ArrayList<Double>();
        try (var admin = Admin.create(adminConfig);
                var watcher = new Watcher()) {
            for (int number = 1; number <= batches; number++) {
                var batch = live.batch(seed, scale, batchSize);
                var rawBefore = rawCounts();
                int from = watcher.seen.size();
                long events = 0;
                for (var domain : batch.entrySet()) {
                    events += simulations
                            .send(domain.getKey(), domain.getValue().iterator(), count -> {})
                            .records();
                }
                long sentAt = System.nanoTime();
                Instant sentWall = Instant.now();
                awaitSettled(admin, watcher, from, rawBefore, sentAt);
                var refreshes = since(watcher, from);
                long cleaned = 0;
                Duration cleaning = Duration.ZERO;
                var visible = new TreeMap<String, Double>();
                for (Seen seen : refreshes) {
                    cleaned += seen.report().cleaning().batch().input();
                    cleaning = cleaning.plus(seen.report().cleaning().totalTime());
                    for (Snapshot snapshot : seen.report().snapshots()) {
                        double seconds = Duration.between(sentWall, snapshot.publishedAt())
                                        .toNanos()
                                / 1e9;
                        visible.put(snapshot.product(), seconds);
                    }
                }
                visible.forEach((product, seconds) -> latencies
                        .computeIfAbsent(product, key -> new ArrayList<>())
                        .add(seconds));
                var slowest = visible.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .orElse(Map.entry("-", Double.NaN));
                cleaningSeconds.add(cleaning.toNanos() / 1e9);
                report.append(String.format(
                        Locale.ROOT,
                        "| %d | %,d | %,d | %.2f | %d | %s | %.2f |%n",
                        number,
                        events,
                        cleaned,
                        cleaning.toNanos() / 1e9,
                        refreshes.size(),
                        slowest.getKey(),
                        slowest.getValue()));
            }
        }
        report.append("\nSent -> visible per product, over the batches that reached it (s):\n\n"
                + "| product | batches | median | p95 | max |\n|---|---:|---:|---:|---:|\n");
        var all = new ArrayList<Double>();
        latencies.forEach((product, seconds) -> {
            all.addAll(seconds);
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f |%n",
                    product,
                    seconds.size(),
                    percentile(seconds, 50),
                    percentile(seconds, 95),
                    Collections.max(seconds)));
        });
        report.append(String.format(
                Locale.ROOT,
                "| **every product, every batch** | %d | %.2f | %.2f | %.2f |%n%nCleaning per batch: median %.2f s,"
                        + " p95 %.2f s.%n",
                all.size(),
                percentile(all, 50),
                percentile(all, 95),
                all.isEmpty() ? Double.NaN : Collections.max(all),
                percentile(cleaningSeconds, 50),
                percentile(cleaningSeconds, 95)));
        return report.toString();
    }

    /**
     * Waits until every record sent is ingested and cleaned, every domain that reads a product refreshed after the
     * product's last new snapshot, and nothing refreshed for {@link #SETTLED}.
     */
    private void awaitSettled(Admin admin, Watcher watcher, int from, Map<String, Long> rawBefore, long sentAt)
            throws InterruptedException {
        long deadline = sentAt + BATCH_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            var refreshes = since(watcher, from);
            long lastSeen = refreshes.isEmpty()
                    ? sentAt
                    : refreshes.get(refreshes.size() - 1).atNanos();
            if (System.nanoTime() - lastSeen < SETTLED.toNanos() || !allIngested(admin)) {
                continue;
            }
            var now = rawCounts();
            boolean cleaned = true;
            var lastRefresh = new HashMap<String, Long>();
            var lastPublished = new HashMap<String, Long>();
            var cleanedBy = new HashMap<String, Long>();
            for (Seen seen : refreshes) {
                lastRefresh.put(seen.domain(), seen.atNanos());
                seen.report().snapshots().forEach(snapshot -> lastPublished.put(snapshot.product(), seen.atNanos()));
                cleanedBy.merge(seen.domain(), seen.report().cleaning().batch().input(), Long::sum);
            }
            for (var domain : now.entrySet()) {
                long added = domain.getValue() - rawBefore.getOrDefault(domain.getKey(), 0L);
                cleaned &= cleanedBy.getOrDefault(domain.getKey(), 0L) >= added;
            }
            boolean consumersAfterProducers = true;
            for (DomainRuntime domain : mesh.domains()) {
                long own = lastRefresh.getOrDefault(domain.domain().name(), -1L);
                // after the last new snapshot of every product it reads (a producer may refresh again without
                // publishing what this domain reads: fulfillment scoring with the model trained on its shipments)
                for (var port : domain.inputPorts()) {
                    long producer = lastPublished.getOrDefault(port.product(), -1L);
                    consumersAfterProducers &= producer < 0 || own > producer;
                }
            }
            if (cleaned && consumersAfterProducers) {
                return;
            }
        }
        throw new IllegalStateException("A batch was not visible everywhere within " + BATCH_LIMIT.toMinutes()
                + " minutes: see the log for a refresh that failed");
    }

    private static List<Seen> since(Watcher watcher, int from) {
        var all = List.copyOf(watcher.seen);
        return all.subList(from, all.size());
    }

    private boolean allIngested(Admin admin) {
        return mesh.domains().stream().allMatch(domain -> domain.ingestRemaining(admin) == 0);
    }

    private Map<String, Long> rawCounts() {
        var counts = new HashMap<String, Long>();
        for (DomainRuntime domain : mesh.domains()) {
            if (domain.domain().emitsEvents()) {
                counts.put(
                        domain.domain().name(),
                        domain.area().queryLong("SELECT count(*) FROM " + DomainArea.RAW_EVENTS));
            }
        }
        return counts;
    }

    /**
     * Trades live at {@code rate} events per second for {@code seconds}, then watches {@code tail} longer for the
     * last events to become visible.
     */
    String live(long seed, double scale, double rate, int seconds, Duration tail) throws Exception {
        var snapshots = new LinkedHashMap<String, List<Visible>>();
        var lag = new ArrayList<long[]>();
        var elements = freshnessColumns();
        var measured = Collections.newSetFromMap(new IdentityHashMap<Snapshot, Boolean>());
        Instant start;
        Instant stop;
        Duration offset;
        try (var admin = Admin.create(adminConfig);
                var watcher = new Watcher()) {
            live.start(seed, scale, rate);
            start = clock.instant();
            offset = Duration.between(Instant.now(), clock.instant());
            long began = System.nanoTime();
            long end = began + Duration.ofSeconds(seconds).toNanos();
            long tailEnd = end + tail.toNanos();
            stop = null;
            long second = 0;
            while (System.nanoTime() < tailEnd) {
                if (stop == null && System.nanoTime() >= end) {
                    live.close();
                    stop = clock.instant();
                }
                long remaining = 0;
                for (DomainRuntime domain : mesh.domains()) {
                    remaining += domain.ingestRemaining(admin);
                }
                lag.add(new long[] {second++, remaining});
                for (Seen seen : List.copyOf(watcher.seen)) {
                    for (Snapshot snapshot : seen.report().snapshots()) {
                        if (!elements.containsKey(snapshot.product()) || !measured.add(snapshot)) {
                            continue;
                        }
                        newest(snapshot, elements.get(snapshot.product())).ifPresent(newest -> snapshots
                                .computeIfAbsent(snapshot.product(), key -> new ArrayList<>())
                                .add(new Visible(snapshot.publishedAt().plus(offset), newest)));
                    }
                }
                long next = began + second * 1_000_000_000L;
                Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
            }
            if (stop == null) {
                live.close();
                stop = clock.instant();
            }
        }
        var stats = live.stats();
        return liveReport(rate, seconds, scale, start, stop, snapshots, lag, stats);
    }

    /** A snapshot published at {@code at} (the mesh's time) whose newest event occurred at {@code newest}. */
    private record Visible(Instant at, Instant newest) {}

    private String liveReport(
            double rate,
            int seconds,
            double scale,
            Instant start,
            Instant stop,
            Map<String, List<Visible>> snapshots,
            List<long[]> lag,
            LiveTrading.Stats stats) {
        var report = new StringBuilder(String.format(
                Locale.ROOT,
                "Live: %,.0f events/s asked for %d s into the running mesh (scale %s); %,d events acknowledged"
                        + " (%,.0f/s), %,d failed%n%nEvent time -> visible per product, in the mesh's time (s), for"
                        + " events every 10 ms of the run:%n%n| product | snapshots | median | p95 | max |%n"
                        + "|---|---:|---:|---:|---:|%n",
                rate,
                seconds,
                scale,
                stats.total(),
                stats.total() / (double) seconds,
                stats.failed()));
        var pooled = new ArrayList<Double>();
        snapshots.forEach((product, visible) -> {
            var delays = delays(visible, start, stop);
            if (delays.isEmpty()) {
                report.append("| " + product + " | " + visible.size() + " | no live events seen | | |\n");
                return;
            }
            pooled.addAll(delays);
            report.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f |%n",
                    product,
                    visible.size(),
                    percentile(delays, 50),
                    percentile(delays, 95),
                    Collections.max(delays)));
        });
        report.append(String.format(
                Locale.ROOT,
                "| **every product** | | %.2f | %.2f | %.2f |%n%nIngest lag over the domains (records the broker holds"
                        + " that ingest has not stored), per 10 s:%n%n| second | lag |%n|---:|---:|%n",
                percentile(pooled, 50),
                percentile(pooled, 95),
                pooled.isEmpty() ? Double.NaN : Collections.max(pooled)));
        for (long[] sample : lag) {
            if (sample[0] % 10 == 0) {
                report.append(String.format(Locale.ROOT, "| %d | %,d |%n", sample[0], sample[1]));
            }
        }
        int half = Math.min(seconds, lag.size()) / 2;
        double first = lag.subList(0, half).stream()
                .mapToLong(sample -> sample[1])
                .average()
                .orElse(0);
        double second = lag.subList(half, Math.min(seconds, lag.size())).stream()
                .mapToLong(sample -> sample[1])
                .average()
                .orElse(0);
        report.append(String.format(
                Locale.ROOT,
                "%nMean ingest lag while trading: %,.0f records in the first half, %,.0f in the second.%n",
                first,
                second));
        return report.toString();
    }

    /**
     * For events every 10 ms of the mesh's time from {@code start} to {@code stop}, how long until a snapshot held
     * them: the first snapshot whose newest event is at least as new. Events never seen count until the last
     * snapshot's time. Empty when no snapshot held a live event.
     */
    static List<Double> delays(List<Visible> visible, Instant start, Instant stop) {
        var live = visible.stream().filter(v -> v.newest().isAfter(start)).toList();
        if (live.isEmpty()) {
            return List.of();
        }
        Instant lastNewest = live.get(live.size() - 1).newest();
        Instant until = lastNewest.isBefore(stop) ? lastNewest : stop;
        var delays = new ArrayList<Double>();
        int next = 0;
        for (Instant event = start; !event.isAfter(until); event = event.plusMillis(10)) {
            while (next < live.size() && live.get(next).newest().isBefore(event)) {
                next++;
            }
            if (next == live.size()) {
                break;
            }
            delays.add(Duration.between(event, live.get(next).at()).toNanos() / 1e9);
        }
        return delays;
    }

    /** The newest value of {@code column} in the snapshot's data, if it has rows. */
    private Optional<Instant> newest(Snapshot snapshot, String column) {
        var port = directory.latest(ProductId.parse(snapshot.product()));
        if (port.isEmpty()) {
            return Optional.empty();
        }
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT epoch_ms(max(" + Sql.identifier(column) + ")::TIMESTAMP) FROM read_parquet("
                                + Sql.literal(port.get().dataFile()) + ")")) {
            rows.next();
            long millis = rows.getLong(1);
            return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Per product, the column its contract's freshness is measured on, where that is a time rather than a day
     * (a day tells nothing about seconds).
     */
    private Map<String, String> freshnessColumns() {
        var columns = new TreeMap<String, String>();
        for (var port : directory.ports()) {
            var contract = ContractLinter.lint(
                            port.contractYaml(), port.product().toString())
                    .contract();
            if (contract.isEmpty()) {
                continue;
            }
            contract.get().slaProperties().stream()
                    .filter(sla -> sla.property().equals("freshness") && sla.element() != null)
                    .findFirst()
                    .map(sla -> sla.element().substring(sla.element().lastIndexOf('.') + 1))
                    .filter(column -> !column.equals("day"))
                    .ifPresent(column -> columns.put(port.product().toString(), column));
        }
        return columns;
    }

    static double percentile(List<Double> values, int percentile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
