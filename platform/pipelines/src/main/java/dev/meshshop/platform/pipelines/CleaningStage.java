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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
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
    private static final Logger log = LoggerFactory.getLogger(CleaningStage.class);

    private final MeshLayout layout;
    private final CleaningRunner runner;
    private final PersonalDataSalt personalDataSalt;

    public CleaningStage(MeshLayout layout, CleaningRunner runner, PersonalDataSalt personalDataSalt) {
        this.layout = layout;
        this.runner = runner;
        this.personalDataSalt = personalDataSalt;
    }

    public CleaningReport run(DomainArea area, DomainCleaning cleaning) {
        long start = System.nanoTime();
        Path work = layout.workDir(area.domain()).resolve("clean-" + System.currentTimeMillis());
        try {
            Files.createDirectories(work);
            Path export = work.resolve("raw.jsonl");
            long input = exportRaw(area, export);

            var pipeline = Pipeline.create(runner.options("clean-" + area.domain()));
            var plan = new CleaningPlan(
                    pipeline.apply("ReadRawZone", new ReadRawEvents(export.toString())), work, personalDataSalt);
            cleaning.compose(plan);
            plan.finish();
            long pipelineStart = System.nanoTime();
            log.info("Cleaning {} raw records of {} on {}", input, area.domain(), runner);
            var result = pipeline.run();
            result.waitUntilFinish();
            var pipelineTime = Duration.ofNanos(System.nanoTime() - pipelineStart);
            var changed = ChangeCounts.of(result.metrics());
            var gaps = GapLines.read(plan.gapsDir());

            load(area, plan);
            var report = report(
                    area,
                    input,
                    plan.tables(),
                    changed,
                    gaps,
                    pipelineTime,
                    Duration.ofNanos(System.nanoTime() - start));
            log.info(
                    "Cleaned {}: {} raw -> {} clean rows + {} quarantined {}, changed {} in {} ms",
                    area.domain(),
                    report.input(),
                    report.clean(),
                    report.quarantined(),
                    report.quarantinedByRule(),
                    report.changed(),
                    report.totalTime().toMillis());
            gaps.forEach(gap -> log.warn("Cleaned {} with a gap: {}", area.domain(), gap));
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + area.domain() + " in " + work, e);
        } finally {
            Folders.deleteRecursively(work);
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
