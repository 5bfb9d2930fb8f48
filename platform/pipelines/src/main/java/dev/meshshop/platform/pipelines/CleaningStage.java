package dev.meshshop.platform.pipelines;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.Create;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a domain's cleaning, raw zone to clean zone, through a Beam pipeline, over the raw records stored since the
 * last clean that succeeded.
 *
 * <ol>
 *   <li>Export: the raw records past the clean zone's watermark (per Kafka partition, the last offset cleaned) are
 *       written as JSON lines to the domain's work folder, each with the number of its copies among them and the
 *       copy of its event that an earlier run kept, if any.
 *   <li>Clean: the domain's {@link DomainCleaning} runs on the configured {@link CleaningRunner}; it writes one
 *       folder of JSON lines per clean table, one for quarantine and one for the coverage of its completeness
 *       checks, and counts what its steps changed with Beam counters.
 *   <li>Load: in one transaction, the clean rows and the quarantined records are appended, the coverage is added,
 *       the watermark moves past the records of the run, and the balance is checked: the run's records are its
 *       clean rows plus its quarantined records, and so are all the records below the watermark. A run that does
 *       not balance changes nothing and fails, naming the counts.
 * </ol>
 *
 * A run with no new records runs no pipeline. When the domain's cleaning changes shape (its clean tables or its
 * steps), the next run cleans the whole raw zone again, as {@link #runFromScratch} does: the raw zone is the source
 * of truth. See docs/adr/0013-incremental-cleaning.md.
 */
public final class CleaningStage {

    static final String STAGE = "clean";

    /** Per topic and partition, the last Kafka offset whose record is clean or quarantined. */
    public static final String WATERMARK = "clean.cleaning_watermark";

    /** The periods with events that the completeness checks found, over every run. */
    static final String COVERAGE = "clean.cleaning_coverage";

    /** The fingerprint of the cleaning that wrote the clean zone. */
    static final String PLAN = "clean.cleaning_plan";

    private static final Logger log = LoggerFactory.getLogger(CleaningStage.class);

    private final MeshLayout layout;
    private final CleaningRunner runner;
    private final PersonalDataSalt personalDataSalt;

    public CleaningStage(MeshLayout layout, CleaningRunner runner, PersonalDataSalt personalDataSalt) {
        this.layout = layout;
        this.runner = runner;
        this.personalDataSalt = personalDataSalt;
    }

    /**
     * Removes what runs of {@code area}'s cleaning left in its work folder when their process was killed: a run
     * deletes its folder when it ends, but not when it never ends, and the raw export there holds the raw events
     * with their personal data in clear text. Call it before the first run, while no other run of the domain is
     * under way; one process writes a domain's area, so no other process's run is.
     *
     * @return how many leftover entries were removed
     */
    public int removeLeftovers(DomainArea area) {
        Path work = layout.workDir(area.domain());
        if (!Files.isDirectory(work)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(work)) {
            leftovers = entries.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the work folder " + work + " of " + area.domain(), e);
        }
        leftovers.forEach(Folders::deleteRecursively);
        if (!leftovers.isEmpty()) {
            log.warn(
                    "Removed {} leftovers of interrupted cleaning runs of {} from {}",
                    leftovers.size(),
                    area.domain(),
                    work);
        }
        return leftovers.size();
    }

    /** Cleans the raw records stored since the last clean that succeeded. */
    public CleaningReport run(DomainArea area, DomainCleaning cleaning) {
        return clean(area, cleaning, false);
    }

    /** Cleans the whole raw zone again and replaces the clean zone with the result. */
    public CleaningReport runFromScratch(DomainArea area, DomainCleaning cleaning) {
        return clean(area, cleaning, true);
    }

    private CleaningReport clean(DomainArea area, DomainCleaning cleaning, boolean fromScratch) {
        long start = System.nanoTime();
        Path work = layout.workDir(area.domain()).resolve("clean-" + System.nanoTime());
        try {
            Folders.createPrivateDirectories(work);
            String fingerprint = fingerprint(cleaning, work);
            createBookkeeping(area);
            boolean reset = fromScratch || !fingerprint.equals(storedFingerprint(area));
            Path export = work.resolve("raw.jsonl");
            var batch = exportRaw(area, export, reset);

            var pipeline = Pipeline.create(runner.options("clean-" + area.domain()));
            var plan = new CleaningPlan(
                    pipeline.apply("ReadRawZone", new ReadRawEvents(export.toString())), work, personalDataSalt);
            cleaning.compose(plan);
            plan.finish();
            Duration pipelineTime = Duration.ZERO;
            Map<String, Long> changed = Map.of();
            if (batch.records() > 0) {
                long pipelineStart = System.nanoTime();
                log.info(
                        "Cleaning {} raw records of {} on {}{}",
                        batch.records(),
                        area.domain(),
                        runner,
                        reset ? ", the whole raw zone" : "");
                var result = pipeline.run();
                result.waitUntilFinish();
                pipelineTime = Duration.ofNanos(System.nanoTime() - pipelineStart);
                changed = ChangeCounts.of(result.metrics());
            }
            var gapsBefore = reset ? List.<Gap>of() : gaps(area);
            var loaded = load(area, plan, batch, reset, fingerprint);
            var report = report(
                    area, plan.tables(), loaded, changed, pipelineTime, Duration.ofNanos(System.nanoTime() - start));
            if (batch.records() > 0 || reset) {
                log.info(
                        "Cleaned {}: {} raw -> {} clean rows + {} quarantined; in all {} raw -> {} clean + {}"
                                + " quarantined {}, changed {} in {} ms",
                        area.domain(),
                        report.batch().input(),
                        report.batch().clean(),
                        report.batch().quarantined(),
                        report.input(),
                        report.clean(),
                        report.quarantined(),
                        report.quarantinedByRule(),
                        report.changed(),
                        report.totalTime().toMillis());
                // each gap once, when a run finds it; a gap that later records fill goes unreported
                report.gaps().stream()
                        .filter(gap -> !gapsBefore.contains(gap))
                        .forEach(gap -> log.warn("Cleaned {} with a gap: {}", area.domain(), gap));
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + area.domain() + " in " + work, e);
        } finally {
            Folders.deleteRecursively(work);
        }
    }

    /** The raw records of one run: how many, and per topic and partition the last offset among them. */
    record Batch(long records, List<PartitionOffset> lastOffsets) {}

    record PartitionOffset(String topic, int partition, long offset) {}

    /**
     * Writes the raw records past the watermark to {@code export} and counts them, in one transaction: ingest keeps
     * appending while cleaning runs, and the count and the offsets must be of the same snapshot the pipeline reads.
     * With {@code reset}, every raw record is past the watermark.
     */
    private static Batch exportRaw(DomainArea area, Path export, boolean reset) {
        String watermark = reset ? "(SELECT * FROM " + WATERMARK + " WHERE false)" : WATERMARK;
        String batchRecords =
                """
                SELECT r.* FROM raw.events r LEFT JOIN %s w USING (topic, kafka_partition)
                WHERE r.kafka_offset > coalesce(w.kafka_offset, -1)"""
                        .formatted(watermark);
        return area.withConnection(connection -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                var lastOffsets = new ArrayList<PartitionOffset>();
                long records = 0;
                try (var result = statement.executeQuery("SELECT topic, kafka_partition, max(kafka_offset), count(*)"
                        + " FROM (" + batchRecords + ") GROUP BY ALL ORDER BY ALL")) {
                    while (result.next()) {
                        lastOffsets.add(new PartitionOffset(result.getString(1), result.getInt(2), result.getLong(3)));
                        records += result.getLong(4);
                    }
                }
                if (records == 0) {
                    Files.createFile(export, Folders.privateFile(export.getParent()));
                } else {
                    statement.execute(
                            """
                            COPY (
                              WITH batch AS (%s),
                              kept AS (
                                SELECT r.event_id,
                                       min_by(r.topic || '/' || r.kafka_partition || '@' || r.kafka_offset,
                                              row(r.topic, r.kafka_partition, r.kafka_offset)) AS kept_copy
                                FROM raw.events r JOIN %s w USING (topic, kafka_partition)
                                WHERE r.kafka_offset <= w.kafka_offset
                                  AND r.event_id IN (SELECT event_id FROM batch)
                                GROUP BY r.event_id)
                              SELECT b.topic, b.kafka_partition, b.kafka_offset, b.event_id, b.event_type,
                                     b.schema_version, epoch_us(b.occurred_at) AS occurred_at_us,
                                     b.message->'$.%s' AS data,
                                     count(*) OVER (PARTITION BY b.event_id) AS copies, k.kept_copy
                              FROM batch b LEFT JOIN kept k ON k.event_id = b.event_id)
                            TO %s (FORMAT json)"""
                                    .formatted(batchRecords, watermark, EventCodec.DATA, Sql.literal(export)));
                    Folders.makePrivate(export);
                }
                return new Batch(records, lastOffsets);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the raw zone export " + export, e);
            } finally {
                connection.commit();
            }
        });
    }

    private static void createBookkeeping(DomainArea area) {
        area.withConnection(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + WATERMARK
                        + " (topic VARCHAR NOT NULL, kafka_partition INTEGER NOT NULL, kafka_offset BIGINT NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS " + COVERAGE
                        + " (event_type VARCHAR NOT NULL, period VARCHAR NOT NULL, period_number BIGINT NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS " + PLAN + " (fingerprint VARCHAR NOT NULL)");
            }
            return null;
        });
    }

    private static String storedFingerprint(DomainArea area) {
        return area.withConnection(connection -> {
            try (var result = connection.createStatement().executeQuery("SELECT max(fingerprint) FROM " + PLAN)) {
                result.next();
                return result.getString(1);
            }
        });
    }

    /**
     * What the clean zone's shape depends on: the clean tables with their columns and the names of the steps. A
     * change to either makes the next run clean the whole raw zone again. Nothing runs and nothing is written.
     */
    public String fingerprint(DomainCleaning cleaning) {
        return fingerprint(cleaning, layout.dataDir().resolve("fingerprint"));
    }

    private String fingerprint(DomainCleaning cleaning, Path work) {
        var pipeline = Pipeline.create(CleaningRunner.direct().options("fingerprint"));
        var plan = new CleaningPlan(
                pipeline.apply("ReadRawZone", Create.empty(RawEvent.Coder.of())),
                work.resolve("fingerprint"),
                personalDataSalt);
        cleaning.compose(plan);
        plan.finish();
        var shape = new StringBuilder();
        plan.tables().forEach(table -> shape.append(table.name())
                .append('(')
                .append(table.sqlColumns())
                .append(")\n"));
        pipeline.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
            @Override
            public void visitPrimitiveTransform(TransformHierarchy.Node node) {
                shape.append(node.getFullName()).append('\n');
            }
        });
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(shape.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a load added, and what the clean zone then covers. */
    private record Loaded(long input, long clean, long quarantined, long coveredInput) {}

    private static Loaded load(DomainArea area, CleaningPlan plan, Batch batch, boolean reset, String fingerprint) {
        var loaded = new Loaded[1];
        area.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                if (reset) {
                    for (CleanTable table : plan.tables()) {
                        statement.execute(
                                "CREATE OR REPLACE TABLE clean." + table.name() + " (" + table.sqlColumns() + ")");
                    }
                    statement.execute("DELETE FROM " + DomainArea.QUARANTINE + " WHERE stage = '" + STAGE + "'");
                    statement.execute("DELETE FROM " + WATERMARK);
                    statement.execute("DELETE FROM " + COVERAGE);
                    statement.execute("DELETE FROM " + PLAN);
                    statement.execute("INSERT INTO " + PLAN + " VALUES ('" + fingerprint + "')");
                } else {
                    for (CleanTable table : plan.tables()) {
                        statement.execute(
                                "CREATE TABLE IF NOT EXISTS clean." + table.name() + " (" + table.sqlColumns() + ")");
                    }
                }
                long clean = 0;
                for (CleanTable table : plan.tables()) {
                    String files = jsonLines(plan.tableDir(table));
                    if (files != null) {
                        String columns = table.columns().stream()
                                .map(column -> "'" + column.name() + "': '"
                                        + column.type().sqlType() + "'")
                                .collect(Collectors.joining(", "));
                        clean += statement.executeUpdate("INSERT INTO clean." + table.name() + " SELECT * FROM"
                                + " read_json(" + files + ", format = 'newline_delimited', columns = {" + columns
                                + "})");
                    }
                }
                long quarantined = 0;
                String quarantine = jsonLines(plan.quarantineDir());
                if (quarantine != null) {
                    quarantined = statement.executeUpdate(
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
                String coverage = jsonLines(plan.coverageDir());
                if (coverage != null) {
                    statement.execute(
                            """
                            INSERT INTO %1$s
                            SELECT DISTINCT event_type, period, unnest(periods) FROM read_json(%2$s,
                                format = 'newline_delimited',
                                columns = {'event_type': 'VARCHAR', 'period': 'VARCHAR', 'periods': 'BIGINT[]'})
                            EXCEPT SELECT event_type, period, period_number FROM %1$s"""
                                    .formatted(COVERAGE, coverage));
                }
                moveWatermark(connection, batch);
                if (batch.records() != clean + quarantined) {
                    throw new CleaningNotBalanced(area.domain() + "'s cleaning does not balance: of " + batch.records()
                            + " raw records, " + clean + " became clean rows and " + quarantined
                            + " were quarantined, so " + (batch.records() - clean - quarantined)
                            + " are unaccounted for. Nothing was cleaned or published; the products keep their last"
                            + " snapshot. A cleaning step filters instead of routing what it sets aside to"
                            + " quarantine (see Routed).");
                }
                long covered = count(
                        statement,
                        "SELECT count(*) FROM raw.events r JOIN " + WATERMARK + " w USING (topic, kafka_partition)"
                                + " WHERE r.kafka_offset <= w.kafka_offset");
                long cleanInAll = 0;
                for (CleanTable table : plan.tables()) {
                    cleanInAll += count(statement, "SELECT count(*) FROM clean." + table.name());
                }
                long quarantinedInAll = count(
                        statement, "SELECT count(*) FROM " + DomainArea.QUARANTINE + " WHERE stage = '" + STAGE + "'");
                if (covered != cleanInAll + quarantinedInAll) {
                    throw new CleaningNotBalanced(area.domain() + "'s clean zone does not balance: of " + covered
                            + " raw records cleaned so far, " + cleanInAll + " are clean rows and " + quarantinedInAll
                            + " are quarantined. Nothing was cleaned or published; the products keep their last"
                            + " snapshot. Clean the whole raw zone again (a cleaning that changes shape does so by"
                            + " itself).");
                }
                loaded[0] = new Loaded(batch.records(), clean, quarantined, covered);
            }
            return null;
        });
        return loaded[0];
    }

    private static void moveWatermark(Connection connection, Batch batch) throws SQLException {
        try (var delete = connection.prepareStatement(
                        "DELETE FROM " + WATERMARK + " WHERE topic = ? AND kafka_partition = ?");
                var insert = connection.prepareStatement("INSERT INTO " + WATERMARK + " VALUES (?, ?, ?)")) {
            for (PartitionOffset last : batch.lastOffsets()) {
                delete.setString(1, last.topic());
                delete.setInt(2, last.partition());
                delete.execute();
                insert.setString(1, last.topic());
                insert.setInt(2, last.partition());
                insert.setLong(3, last.offset());
                insert.execute();
            }
        }
    }

    private static long count(java.sql.Statement statement, String sql) throws SQLException {
        try (var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** A cleaning run whose records are not all clean or quarantined; it changed nothing. */
    public static final class CleaningNotBalanced extends IllegalStateException {
        CleaningNotBalanced(String message) {
            super(message);
        }
    }

    private static CleaningReport report(
            DomainArea area,
            List<CleanTable> tables,
            Loaded loaded,
            Map<String, Long> changed,
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
        return new CleaningReport(
                area.domain(),
                loaded.coveredInput(),
                clean,
                quarantined,
                changed,
                gaps(area),
                new CleaningReport.Batch(loaded.input(), loaded.clean(), loaded.quarantined()),
                pipelineTime,
                totalTime);
    }

    /** The gaps over every run so far: between the periods with events that the completeness checks found. */
    private static List<Gap> gaps(DomainArea area) {
        return area.withConnection(connection -> {
            var gaps = new ArrayList<Gap>();
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT event_type, period, string_agg(period_number::VARCHAR, ',' ORDER BY"
                            + " period_number) FROM " + COVERAGE + " GROUP BY ALL ORDER BY ALL")) {
                while (result.next()) {
                    var periods = Stream.of(result.getString(3).split(","))
                            .map(Long::valueOf)
                            .toList();
                    gaps.addAll(new Coverage(result.getString(1), Duration.parse(result.getString(2)), periods).gaps());
                }
            }
            return gaps;
        });
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
                    .map(Sql::literal)
                    .toList();
            return nonEmpty.isEmpty() ? null : "[" + String.join(", ", nonEmpty) + "]";
        } catch (IOException e) {
            throw new StorageException("Cannot list the pipeline output in " + dir, e);
        }
    }
}
