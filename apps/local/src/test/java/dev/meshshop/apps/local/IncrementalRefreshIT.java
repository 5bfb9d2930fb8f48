package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.pipelines.Gap;
import dev.meshshop.platform.simulation.SimulatedFill;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Incremental cleaning gives the same products however the events arrive. The simulated year is sent through Kafka
 * into every domain's raw zone once and the fill cleans it in one batch; then it is replayed into the raw zones in 7
 * batches (every domain) and in 50 (checkout and search), each domain cleaning what arrived after each batch and refreshing after the last, and the
 * published products must be identical to the one-batch products, row for row. The batches are cut
 * so that the hard cases happen: copies of one event in different batches, the two ends of search's gap in
 * different batches, and checkout's schema change between batches. Every run of every refresh must balance.
 *
 * <p>It runs in {@code verify}: the replays are about 130 cleaning runs of a few dozen to a few thousand events
 * each, on the direct runner, which is made for such small inputs and has no per-job start-up cost; on in-process
 * Flink each run would pay its two to three seconds of job start (ADR 2). That both runners clean alike is
 * {@code CleaningStageTests}' business.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncrementalRefreshIT {

    /** About 37,000 events over the domains. */
    static final double SCALE = 0.005;

    static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant YEAR_END = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * The embedded mesh without its fill: the test fills and replays it itself. Not a {@code @SpringBootConfiguration}:
     * the other tests of this package look for the one such class, the launcher.
     */
    @EnableAutoConfiguration
    @EmbeddedMesh
    static class Mesh {}

    ConfigurableApplicationContext context;
    MeshRuntime mesh;
    MeshDirectory directory;
    List<DomainRuntime> withEvents;
    Replayed inOne;

    @BeforeAll
    void fill() throws SQLException {
        context = new SpringApplicationBuilder(Mesh.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--mesh.refresh-interval=0s",
                        "--mesh.runner=direct",
                        "--mesh.local.kafka-port=0",
                        "--mesh.local.fresh=true",
                        "--mesh.data-dir=target/incremental-refresh-test");
        mesh = context.getBean(MeshRuntime.class);
        directory = context.getBean(MeshDirectory.class);
        var filled = new SimulatedFill(
                        mesh,
                        context.getBean(Simulations.class),
                        context.getBean(KafkaAdmin.class).getConfigurationProperties())
                .run(42, SCALE, new SimulatedFill.Progress() {});
        assertThat(filled.failures()).as("domains the fill could not publish").isEmpty();
        withEvents = mesh.domains().stream()
                .filter(domain -> domain.domain().emitsEvents())
                .toList();
        // the fill cleans every domain's year in one run: the one-batch result
        filled.refreshes().values().forEach(refresh -> assertThat(
                        refresh.cleaning().batch().input())
                .as("the fill's one run of %s", refresh.domain())
                .isEqualTo(refresh.cleaning().input()));
        inOne = published(filled.refreshes().get("search").cleaning().gaps());
        // the stream to replay: every record ingest stored, kept aside from the raw zone
        for (var domain : withEvents) {
            sql(domain.area(), "CREATE TABLE main.replay_stream AS SELECT * FROM " + DomainArea.RAW_EVENTS);
        }
    }

    @AfterAll
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theProductsAreTheSameWhetherTheYearArrivesInOneBatchOrInSevenOrInFifty() throws SQLException {
        var gaps = inOne.gaps();
        assertThat(gaps).as("search's gaps, found in one batch").isNotEmpty();
        // the planted outage: the longest gap
        var outage = gaps.stream()
                .max(java.util.Comparator.comparingLong(Gap::missingPeriods))
                .orElseThrow();

        var inSeven = replay(7, outage, withEvents);
        // in 50 batches, the two domains that carry the hard cases (copies in both, the outage in search, the schema
        // change in checkout); the others keep their one-batch clean zones
        var inFifty = replay(50, outage, List.of(mesh.domain("checkout"), mesh.domain("search")));

        assertThat(inOne.products()).hasSize(17);
        for (String product : inOne.products().keySet()) {
            assertThat(inOne.products().get(product)).as(product).isNotEmpty();
            assertThat(inSeven.products().get(product))
                    .as("%s, in 7 batches", product)
                    .isEqualTo(inOne.products().get(product));
            assertThat(inFifty.products().get(product))
                    .as("%s, in 50 batches", product)
                    .isEqualTo(inOne.products().get(product));
        }
        assertThat(inSeven.quarantined()).isEqualTo(inOne.quarantined());
        assertThat(inFifty.quarantined()).isEqualTo(inOne.quarantined());
        assertThat(inSeven.gaps()).isEqualTo(gaps);
        assertThat(inFifty.gaps()).isEqualTo(gaps);
    }

    /** What a replay published: every product's rows in order, what cleaning set aside, and the gaps it found. */
    record Replayed(Map<String, List<String>> products, Map<String, Map<String, Long>> quarantined, List<Gap> gaps) {}

    /**
     * Empties the raw and clean zones, then lands the stream in {@code batches} batches, each domain cleaning after
     * each batch, and checks that every run balances; then every domain refreshes.
     */
    private Replayed replay(int batches, Gap outage, List<DomainRuntime> replayed) throws SQLException {
        for (var domain : replayed) {
            assignBatches(domain, batches, outage);
            sql(domain.area(), "DELETE FROM " + DomainArea.RAW_EVENTS);
            // without the fingerprint of the cleaning that wrote it, the next run replaces the clean zone
            sql(domain.area(), "DELETE FROM clean.cleaning_plan");
        }
        assertHardCasesSpanBatches(batches, outage, replayed);
        var reports = new LinkedHashMap<String, CleaningReport>();
        for (int batch = 0; batch < batches; batch++) {
            for (var domain : replayed) {
                sql(
                        domain.area(),
                        "INSERT INTO " + DomainArea.RAW_EVENTS + " SELECT s.* FROM main.replay_stream s"
                                + " JOIN main.replay_batches b USING (topic, kafka_partition, kafka_offset)"
                                + " WHERE b.batch = " + batch);
            }
            for (var domain : replayed) {
                var cleaning = domain.clean();
                assertThat(cleaning.batch().balanced())
                        .as(
                                "batch %d of %d of %s: %s",
                                batch, batches, domain.domain().name(), cleaning.batch())
                        .isTrue();
                assertThat(cleaning.balanced())
                        .as("all of %s after batch %d of %d", domain.domain().name(), batch, batches)
                        .isTrue();
                reports.put(domain.domain().name(), cleaning);
            }
        }
        // models and publishing recompute from the clean zone; after the last batch every domain refreshes
        var snapshots = new TreeMap<String, String>();
        for (var domain : mesh.domains()) {
            var refresh = domain.refresh();
            assertThat(refresh.cleaning().batch().input()).isZero();
            refresh.snapshots().forEach(snapshot -> snapshots.put(snapshot.product(), snapshot.id()));
        }
        var result = published(reports.get("search").gaps());
        for (var domain : mesh.domains()) {
            for (DataProduct product : domain.products()) {
                var port = directory.latest(product.id()).orElseThrow();
                assertThat(port.snapshot().id())
                        .as("%s published by the refresh after the last batch", product.id())
                        .isEqualTo(snapshots.get(port.snapshot().product()));
            }
        }
        return result;
    }

    /** What the mesh publishes now, with the gaps its last cleaning of search found. */
    private Replayed published(List<Gap> gaps) throws SQLException {
        var products = new TreeMap<String, List<String>>();
        for (var domain : mesh.domains()) {
            for (DataProduct product : domain.products()) {
                products.put(
                        product.id().toString(),
                        rows(directory.latest(product.id()).orElseThrow().dataFile()));
            }
        }
        var quarantined = new TreeMap<String, Map<String, Long>>();
        withEvents.forEach(
                domain -> quarantined.put(domain.domain().name(), domain.area().quarantinedByRule()));
        return new Replayed(products, quarantined, gaps);
    }

    /**
     * Cuts each partition's records, in offset order, into {@code batches} batches of about equal size. Each cut is
     * moved onto the second copy of the next event that was delivered twice, so that copies span batches; the cut that
     * falls nearest to search's outage in time is moved, in every partition, onto the first record at its end, so
     * that its ends arrive apart.
     */
    private static void assignBatches(DomainRuntime domain, int batches, Gap outage) {
        var area = domain.area();
        sql(
                area,
                "CREATE OR REPLACE TABLE main.replay_batches (topic VARCHAR, kafka_partition INTEGER,"
                        + " kafka_offset BIGINT, batch INTEGER)");
        area.withConnection(connection -> {
            var partitions = new ArrayList<String[]>();
            try (var result = connection
                    .createStatement()
                    .executeQuery("SELECT DISTINCT topic, kafka_partition FROM main.replay_stream ORDER BY ALL")) {
                while (result.next()) {
                    partitions.add(new String[] {result.getString(1), result.getString(2)});
                }
            }
            for (String[] partition : partitions) {
                var offsets = new ArrayList<Long>();
                var eventIds = new ArrayList<String>();
                var times = new ArrayList<Instant>();
                try (var select = connection.prepareStatement("SELECT kafka_offset, event_id, occurred_at FROM"
                        + " main.replay_stream WHERE topic = ? AND kafka_partition = ? ORDER BY kafka_offset")) {
                    select.setString(1, partition[0]);
                    select.setInt(2, Integer.parseInt(partition[1]));
                    try (var result = select.executeQuery()) {
                        while (result.next()) {
                            offsets.add(result.getLong(1));
                            eventIds.add(result.getString(2));
                            times.add(result.getTimestamp(3).toLocalDateTime().toInstant(ZoneOffset.UTC));
                        }
                    }
                }
                int[] cuts = cuts(eventIds, times, batches, outage);
                try (var insert = connection.prepareStatement("INSERT INTO main.replay_batches VALUES (?, ?, ?, ?)")) {
                    int batch = 0;
                    for (int i = 0; i < offsets.size(); i++) {
                        while (batch < cuts.length && i >= cuts[batch]) {
                            batch++;
                        }
                        insert.setString(1, partition[0]);
                        insert.setInt(2, Integer.parseInt(partition[1]));
                        insert.setLong(3, offsets.get(i));
                        insert.setInt(4, batch);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            return null;
        });
    }

    /** The indexes at which batches 1 to {@code batches - 1} begin, ascending. */
    private static int[] cuts(List<String> eventIds, List<Instant> times, int batches, Gap outage) {
        int size = eventIds.size();
        int[] cuts = new int[batches - 1];
        for (int k = 1; k < batches; k++) {
            int cut = (int) ((long) k * size / batches);
            int window = Math.max(1, size / (2 * batches));
            for (int i = Math.max(cut, 1); i < Math.min(size, cut + window); i++) {
                if (eventIds.get(i).equals(eventIds.get(i - 1))) {
                    cut = i;
                    break;
                }
            }
            cuts[k - 1] = cut;
        }
        // the same cut in every partition, placed by time, so that the outage's ends arrive apart in all of them
        int k = (int) Math.max(
                1,
                Math.min(
                        batches - 1,
                        Math.round((double) batches
                                * Duration.between(YEAR_START, outage.to()).toHours()
                                / Duration.between(YEAR_START, YEAR_END).toHours())));
        int end = 0;
        while (end < size && times.get(end).isBefore(outage.to())) {
            end++;
        }
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i < k - 1 ? Math.min(cuts[i], end) : i == k - 1 ? end : Math.max(cuts[i], end);
        }
        Arrays.sort(cuts);
        return cuts;
    }

    private void assertHardCasesSpanBatches(int batches, Gap outage, List<DomainRuntime> replayed) {
        long spanning = 0;
        for (var domain : replayed) {
            spanning += domain.area()
                    .queryLong("SELECT count(*) FROM (SELECT event_id FROM main.replay_stream"
                            + " JOIN main.replay_batches USING (topic, kafka_partition, kafka_offset)"
                            + " GROUP BY event_id HAVING count(DISTINCT batch) > 1)");
        }
        assertThat(spanning)
                .as("events whose copies arrive in different batches of %d", batches)
                .isPositive();

        var search = mesh.domain("search").area();
        for (Gap gap : List.of(outage)) {
            String batchOf = "SELECT %s(batch) FROM main.replay_stream JOIN main.replay_batches"
                    + " USING (topic, kafka_partition, kafka_offset) WHERE event_type = '" + gap.eventType()
                    + "' AND occurred_at %s TIMESTAMP '%s'";
            long lastBefore = search.queryLong(batchOf.formatted("max", "<", timestamp(gap.from())));
            long firstAfter = search.queryLong(batchOf.formatted("min", ">=", timestamp(gap.to())));
            assertThat(firstAfter)
                    .as("the batch of the first %s after %s, in %d batches", gap.eventType(), gap, batches)
                    .isGreaterThan(lastBefore);
        }

        var checkout = mesh.domain("checkout").area();
        String ordersOfVersion = "SELECT min(batch) FROM main.replay_stream JOIN main.replay_batches"
                + " USING (topic, kafka_partition, kafka_offset) WHERE event_type = 'OrderPurchased'"
                + " AND schema_version = %d";
        assertThat(checkout.queryLong(ordersOfVersion.formatted(2)))
                .as("orders of schema version 2 begin in a later batch than those of version 1")
                .isGreaterThan(checkout.queryLong(ordersOfVersion.formatted(1)));
    }

    /** A product's rows, each as text, in order. */
    private static List<String> rows(Path parquet) throws SQLException {
        var rows = new ArrayList<String>();
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var result = connection
                        .createStatement()
                        .executeQuery("SELECT p::VARCHAR AS row FROM read_parquet(" + Sql.literal(parquet)
                                + ") p ORDER BY row")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static String timestamp(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "");
    }

    private static void sql(DomainArea area, String statement) {
        area.withConnection(connection -> connection.createStatement().execute(statement));
    }
}
