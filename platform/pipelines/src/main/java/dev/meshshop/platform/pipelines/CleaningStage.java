package dev.meshshop.platform.pipelines;

import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PDone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a domain's cleaning: raw zone to clean zone, through a Beam pipeline.
 *
 * <ol>
 *   <li>Export: the raw zone is written as JSON lines to the domain's work folder.
 *   <li>Clean: the domain's {@link DomainCleaning} runs on the configured {@link CleaningRunner}; it writes
 *       one folder of JSON lines per clean table, one for quarantine and one for the gaps it found, and counts
 *       what its steps changed with Beam counters.
 *   <li>Load: in one transaction, each clean table is replaced and the cleaning stage's quarantine rows are
 *       replaced, so readers see the previous result or the new one.
 * </ol>
 *
 * Each run recomputes the clean zone from the whole raw zone: the raw zone is the source of truth, so a
 * run can be repeated at any time with the same result.
 */
public final class CleaningStage {

    static final String STAGE = "clean";
    private static final String WARM_UP = "warm-up";
    private static final CleanTable WARM_UP_TABLE = CleanTable.of("items", "ItemSold")
            .column("sku", ColumnType.STRING, "/sku", CleanTable.Required.YES)
            .column("quantity", ColumnType.INTEGER, "/quantity", CleanTable.Required.YES);
    private static final Logger log = LoggerFactory.getLogger(CleaningStage.class);

    private final MeshLayout layout;
    private final CleaningRunner runner;
    private final PersonalDataSalt personalDataSalt;
    private Thread warmUp;

    public CleaningStage(MeshLayout layout, CleaningRunner runner, PersonalDataSalt personalDataSalt) {
        this.layout = layout;
        this.runner = runner;
        this.personalDataSalt = personalDataSalt;
    }

    /**
     * Starts a small cleaning on the configured runner in the background, so that the first real run does not pay
     * for loading and compiling the runner: on in-process Flink the first job of a JVM takes several seconds longer
     * than the next. A run that starts meanwhile waits for it. Does nothing on the direct runner.
     */
    public synchronized void warmUpInBackground() {
        if (runner.kind() != CleaningRunner.Kind.FLINK || warmUp != null) {
            return;
        }
        warmUp = new Thread(this::warmUp, "mesh-cleaning-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    private void warmUp() {
        try {
            log.info("Warmed up the {} runner in {} ms", runner, warmUpNow().toMillis());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not warm up the {} runner; the first cleaning will take longer: {}", runner, e.toString());
        }
    }

    /** Runs the warm-up cleaning in this thread and returns how long it took; fails as a cleaning would. */
    Duration warmUpNow() throws IOException {
        long start = System.nanoTime();
        Path work = Files.createTempDirectory("mesh-cleaning-" + WARM_UP);
        try {
            Path export = work.resolve("raw.jsonl");
            var lines = new ArrayList<String>();
            for (int i = 0; i < 2_000; i++) {
                // one event in ten arrives twice, so that deduplication groups too
                boolean copy = i % 10 == 1;
                lines.add(String.format(
                        Locale.ROOT,
                        "{\"topic\":\"warm-up.item-sold.v1\",\"kafka_partition\":0,\"kafka_offset\":%d,"
                                + "\"event_id\":\"e-%d\",\"event_type\":\"ItemSold\",\"schema_version\":1,"
                                + "\"occurred_at_us\":%d,\"copies\":%d,\"data\":{\"sku\":\"sku-%d\",\"quantity\":%d}}",
                        i,
                        copy ? i - 1 : i,
                        i,
                        i % 10 <= 1 ? 2 : 1,
                        i,
                        i));
            }
            Files.write(export, lines);
            var pipeline = Pipeline.create(runner.options("clean-" + WARM_UP));
            var plan = new CleaningPlan(work, personalDataSalt);
            plan.source(pipeline.apply("ReadRawZone", new ReadRawEvents(export.toString())));
            var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
            plan.write(unique.apply("StructureItems", StructureJson.into(WARM_UP_TABLE)));
            plan.finish();
            pipeline.run().waitUntilFinish();
            try (var written = Files.list(work.resolve("tables").resolve(WARM_UP_TABLE.name()))) {
                if (written.findAny().isEmpty()) {
                    throw new IllegalStateException("The warm-up cleaning wrote no table");
                }
            }
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            Folders.deleteRecursively(work);
        }
    }

    private void awaitWarmUp() {
        Thread running;
        synchronized (this) {
            running = warmUp;
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One domain's part of a cleaning run: its area and how it cleans. */
    public record Domain(DomainArea area, DomainCleaning cleaning) {}

    public CleaningReport run(DomainArea area, DomainCleaning cleaning) {
        return runTogether(List.of(new Domain(area, cleaning))).get(area.domain());
    }

    /**
     * Cleans several domains in one pipeline run, each in its own part of the pipeline with its own files, and
     * returns their reports by domain, in order. One run instead of one per domain saves the runner's fixed cost per
     * job (on in-process Flink, a cluster started and stopped each time), which dominates for small domains. Each
     * report's pipeline time is the shared run's.
     */
    public Map<String, CleaningReport> runTogether(List<Domain> domains) {
        awaitWarmUp();
        long start = System.nanoTime();
        String names = domains.stream().map(domain -> domain.area().domain()).collect(Collectors.joining(", "));
        var parts = new LinkedHashMap<String, Part>();
        try {
            var pipeline = Pipeline.create(runner.options("clean-"
                    + domains.stream().map(domain -> domain.area().domain()).collect(Collectors.joining("-"))));
            for (Domain domain : domains) {
                long exportStart = System.nanoTime();
                String name = domain.area().domain();
                Path work = layout.workDir(name).resolve("clean-" + System.currentTimeMillis());
                Files.createDirectories(work);
                Path export = work.resolve("raw.jsonl");
                long input = exportRaw(domain.area(), export);
                var plan = new CleaningPlan(work, personalDataSalt);
                pipeline.apply(name, new ComposedCleaning(export.toString(), plan, domain.cleaning()));
                parts.put(
                        name,
                        new Part(domain.area(), work, input, plan, Duration.ofNanos(System.nanoTime() - exportStart)));
            }
            long pipelineStart = System.nanoTime();
            log.info(
                    "Cleaning {} raw records of {} on {}",
                    parts.values().stream().mapToLong(Part::input).sum(),
                    names,
                    runner);
            var result = pipeline.run();
            result.waitUntilFinish();
            var pipelineTime = Duration.ofNanos(System.nanoTime() - pipelineStart);
            var reports = new LinkedHashMap<String, CleaningReport>();
            for (var entry : parts.entrySet()) {
                String name = entry.getKey();
                Part part = entry.getValue();
                long loadStart = System.nanoTime();
                var changed = ChangeCounts.of(result.metrics(), domains.size() == 1 ? null : name);
                var gaps = GapLines.read(part.plan().gapsDir());
                load(part.area(), part.plan());
                var report = report(
                        part.area(),
                        part.input(),
                        part.plan().tables(),
                        changed,
                        gaps,
                        pipelineTime,
                        part.export().plus(pipelineTime).plus(Duration.ofNanos(System.nanoTime() - loadStart)));
                log.info(
                        "Cleaned {}: {} raw -> {} clean rows + {} quarantined {}, changed {} in {} ms",
                        name,
                        report.input(),
                        report.clean(),
                        report.quarantined(),
                        report.quarantinedByRule(),
                        report.changed(),
                        report.totalTime().toMillis());
                gaps.forEach(gap -> log.warn("Cleaned {} with a gap: {}", name, gap));
                reports.put(name, report);
            }
            if (domains.size() > 1) {
                log.info(
                        "Cleaned {} together in {} ms",
                        names,
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
            }
            return reports;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + names, e);
        } finally {
            parts.values().forEach(part -> Folders.deleteRecursively(part.work()));
        }
    }

    /** What a run keeps of one domain between building the pipeline and loading its result. */
    private record Part(DomainArea area, Path work, long input, CleaningPlan plan, Duration export) {}

    /**
     * A domain's cleaning as one composite step named after the domain, so that several domains' steps can share a
     * pipeline with unique names, and their counters can be told apart.
     */
    private static final class ComposedCleaning extends PTransform<PBegin, PDone> {

        private final String export;
        private final CleaningPlan plan;
        private final DomainCleaning cleaning;

        ComposedCleaning(String export, CleaningPlan plan, DomainCleaning cleaning) {
            this.export = export;
            this.plan = plan;
            this.cleaning = cleaning;
        }

        @Override
        public PDone expand(PBegin begin) {
            plan.source(begin.apply("ReadRawZone", new ReadRawEvents(export)));
            cleaning.compose(plan);
            plan.finish();
            return PDone.in(begin.getPipeline());
        }
    }

    /**
     * Writes the raw zone to {@code export} and counts what it wrote, in one transaction: ingest keeps appending
     * while cleaning runs, and the count must be of the same snapshot the pipeline reads.
     */
    private static long exportRaw(DomainArea area, Path export) {
        return area.withConnection(connection -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute(
                        """
                        COPY (SELECT topic, kafka_partition, kafka_offset, event_id, event_type, schema_version,
                                     epoch_us(occurred_at) AS occurred_at_us, message->'$.data' AS data,
                                     count(*) OVER (PARTITION BY event_id) AS copies
                              FROM raw.events)
                        TO '%s' (FORMAT json)"""
                                .formatted(sql(export)));
                try (var result = statement.executeQuery("SELECT count(*) FROM raw.events")) {
                    result.next();
                    return result.getLong(1);
                }
            } finally {
                connection.commit();
            }
        });
    }

    private static void load(DomainArea area, CleaningPlan plan) {
        area.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                for (CleanTable table : plan.tables()) {
                    statement.execute(
                            "CREATE OR REPLACE TABLE clean." + table.name() + " (" + table.sqlColumns() + ")");
                    String files = jsonLines(plan.tableDir(table));
                    if (files != null) {
                        String columns = table.columns().stream()
                                .map(column -> "'" + column.name() + "': '"
                                        + column.type().sqlType() + "'")
                                .collect(Collectors.joining(", "));
                        statement.execute("INSERT INTO clean." + table.name() + " SELECT * FROM read_json(" + files
                                + ", format = 'newline_delimited', columns = {" + columns + "})");
                    }
                }
                statement.execute("DELETE FROM " + DomainArea.QUARANTINE + " WHERE stage = '" + STAGE + "'");
                String quarantine = jsonLines(plan.quarantineDir());
                if (quarantine != null) {
                    statement.execute(
                            """
                            INSERT INTO %s
                            SELECT '%s', q.rule, q.reason, q.topic, q.kafka_partition, q.kafka_offset, q.event_id,
                                   encode(r.message), now()::TIMESTAMP
                            FROM read_json(%s, format = 'newline_delimited', columns = {
                                     'rule': 'VARCHAR', 'reason': 'VARCHAR', 'topic': 'VARCHAR',
                                     'kafka_partition': 'INTEGER', 'kafka_offset': 'BIGINT', 'event_id': 'VARCHAR'}) q
                            LEFT JOIN raw.events r USING (topic, kafka_partition, kafka_offset)"""
                                    .formatted(DomainArea.QUARANTINE, STAGE, quarantine));
                }
            }
            return null;
        });
    }

    private static CleaningReport report(
            DomainArea area,
            long input,
            List<CleanTable> tables,
            Map<String, Long> changed,
            List<Gap> gaps,
            Duration pipelineTime,
            Duration totalTime) {
        var clean = new LinkedHashMap<String, Long>();
        tables.forEach(table -> clean.put(table.name(), area.queryLong("SELECT count(*) FROM clean." + table.name())));
        Map<String, Long> quarantined = area.withConnection(connection -> {
            var byRule = new LinkedHashMap<String, Long>();
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT rule, count(*) FROM " + DomainArea.QUARANTINE + " WHERE stage = '" + STAGE
                            + "' GROUP BY rule ORDER BY rule")) {
                while (result.next()) {
                    byRule.put(result.getString(1), result.getLong(2));
                }
            }
            return byRule;
        });
        return new CleaningReport(area.domain(), input, clean, quarantined, changed, gaps, pipelineTime, totalTime);
    }

    /** A DuckDB list literal of the non-empty JSON-lines files in {@code dir}, or null when there are none. */
    private static String jsonLines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            var nonEmpty = files.filter(file -> file.getFileName().toString().endsWith(".jsonl"))
                    .filter(file -> file.toFile().length() > 0)
                    .sorted()
                    .map(file -> "'" + sql(file) + "'")
                    .toList();
            return nonEmpty.isEmpty() ? null : "[" + String.join(", ", nonEmpty) + "]";
        } catch (IOException e) {
            throw new StorageException("Cannot list the pipeline output in " + dir, e);
        }
    }

    private static String sql(Path path) {
        return path.toString().replace("'", "''");
    }
}
