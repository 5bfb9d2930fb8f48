package dev.meshshop.platform.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleaningStageTests {

    static final CleanTable ITEMS_SOLD = StructureJsonTests.ITEMS_SOLD;

    static final CleaningRunner FLINK_TWO_SLOTS = new CleaningRunner(CleaningRunner.Kind.FLINK, "[local]", 2);

    /** The composition a domain would write: deduplicate, then structure. */
    static final DomainCleaning SHOP = plan -> {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        plan.write(unique.apply("StructureItemsSold", StructureJson.into(ITEMS_SOLD)));
    };

    /** Item sold v2 renamed price to unitPrice, added the channel, and carries the buyer. */
    static final CleanTable ITEMS_SOLD_V2 = CleanTable.of("items_sold", "ItemSold")
            .column("sku", ColumnType.STRING, "/sku", Required.YES)
            .column("quantity", ColumnType.INTEGER, "/quantity", Required.YES)
            .column("unit_price", ColumnType.DECIMAL, "/unitPrice", Required.YES)
            .column("channel", ColumnType.STRING, "/channel", Required.YES)
            .column("buyer_email", ColumnType.STRING, "/buyer/email", Required.NO);

    static final CleanTable SEARCHES =
            CleanTable.of("searches", "SearchPerformed").column("query", ColumnType.STRING, "/query", Required.YES);

    /** Every building block in the order a domain would use them. */
    static final DomainCleaning GUARDED_SHOP = plan -> {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        var current = plan.route(unique.apply(
                "MitigateSchemaChanges",
                MitigateSchemaChanges.of(SchemaMapping.forType("ItemSold")
                        .currentVersion(2)
                        .fromVersion(1, v -> v.rename("/price", "/unitPrice").withDefault("/channel", "web")))));
        var masked = plan.route(current.apply(
                "MaskPersonalData",
                MaskPersonalData.with(
                        plan.personalDataSalt(),
                        PersonalField.hash("ItemSold", "/buyer/email"),
                        PersonalField.drop("ItemSold", "/buyer/name"),
                        PersonalField.redactFreeText("SearchPerformed", "/query"))));
        plan.reportGaps(masked.apply("SearchCompleteness", Completeness.of("SearchPerformed", Duration.ofHours(1))));
        var repaired = plan.route(masked.apply(
                "RepairKnownBugs",
                RepairOutliers.of(
                        OutlierRule.correct(
                                "price-in-cents",
                                "ItemSold",
                                data -> data.path("unitPrice").asDouble() >= 1000,
                                data -> ((ObjectNode) data)
                                        .put(
                                                "unitPrice",
                                                data.path("unitPrice")
                                                        .decimalValue()
                                                        .movePointLeft(2)),
                                "till app 2.3.1 sent prices in cents"),
                        OutlierRule.quarantine(
                                "negative-quantity",
                                "ItemSold",
                                data -> data.path("quantity").asInt() < 0,
                                "returns were booked as sales of a negative quantity"))));
        plan.write(repaired.apply("StructureShopEvents", StructureJson.into(ITEMS_SOLD_V2, SEARCHES)));
    };

    @TempDir
    Path dataDir;

    MeshLayout layout;
    DomainArea area;

    @BeforeEach
    void openArea() {
        layout = new MeshLayout(dataDir);
        area = DomainArea.open(layout, "shop");
        // 40 good events, 5 of them delivered twice, 3 with a missing sku
        sql(
                """
                INSERT INTO raw.events
                SELECT 'shop.item-sold.v1', 0, i, NULL, 'e-' || n, 'ItemSold', 1,
                       TIMESTAMP '2026-05-01 10:00:00' + INTERVAL (n) MINUTE,
                       json_object('eventId', 'e-' || n, 'data',
                           CASE WHEN n BETWEEN 30 AND 32 THEN json_object('quantity', 1, 'price', 1)
                                ELSE json_object('sku', 'sku-' || (n % 7), 'quantity', 1 + n % 3, 'price', 2.5) END)::VARCHAR,
                       now()::TIMESTAMP
                FROM (SELECT i, CASE WHEN i >= 40 THEN i - 40 ELSE i END AS n FROM range(45) t(i))""");
    }

    @AfterEach
    void closeArea() {
        area.close();
    }

    @Test
    void cleansRawIntoTypedTablesAndAccountsForEveryRecordOnTheDirectRunner() {
        var report = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT).run(area, SHOP);

        assertThat(report.input()).isEqualTo(45);
        assertThat(report.cleanRows()).isEqualTo(Map.of("items_sold", 37L));
        assertThat(report.quarantinedByRule()).isEqualTo(Map.of("duplicate", 5L, "missing-field", 3L));
        assertThat(report.balanced()).isTrue();
        assertThat(area.queryLong("SELECT count(DISTINCT event_id) FROM clean.items_sold"))
                .isEqualTo(37);
        assertThat(area.queryLong("SELECT sum(quantity) FROM clean.items_sold WHERE price = 2.50"))
                .isEqualTo(area.queryLong("SELECT sum(1 + i % 3) FROM range(40) t(i) WHERE i NOT BETWEEN 30 AND 32"));
        assertThat(area.queryLong(
                        "SELECT count(*) FROM clean.items_sold WHERE occurred_at = TIMESTAMP '2026-05-01 10:05:00'"))
                .isEqualTo(1);
        assertThat(area.queryLong(
                        "SELECT count(*) FROM quarantine.records WHERE stage = 'clean' AND original IS NOT NULL"))
                .isEqualTo(8);
    }

    @Test
    void aSecondRunReplacesTheFirstInsteadOfAddingToIt() {
        var stage = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT);
        stage.run(area, SHOP);
        var again = stage.run(area, SHOP);

        assertThat(again.clean()).isEqualTo(37);
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'clean'"))
                .isEqualTo(8);
    }

    @Test
    void aLaterRunCleansOnlyWhatArrivedSinceAndACopyOfAnEventCleanedBeforeIsADuplicate() {
        var stage = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT);
        stage.run(area, SHOP);
        // five new events, and a third copy of e-1, whose first copy the first run kept
        sql(
                """
                INSERT INTO raw.events
                SELECT 'shop.item-sold.v1', 0, i, NULL, CASE WHEN i = 50 THEN 'e-1' ELSE 'e-' || i END, 'ItemSold',
                       1, TIMESTAMP '2026-05-02 10:00:00', json_object('data', json_object('sku', 'sku-new',
                       'quantity', 1, 'price', 2.5))::VARCHAR, now()::TIMESTAMP
                FROM range(45, 51) t(i)""");

        var second = stage.run(area, SHOP);

        assertThat(second.batch()).isEqualTo(new CleaningReport.Batch(6, 5, 1));
        assertThat(second.input()).isEqualTo(51);
        assertThat(second.cleanRows()).isEqualTo(Map.of("items_sold", 42L));
        assertThat(second.quarantinedByRule()).isEqualTo(Map.of("duplicate", 6L, "missing-field", 3L));
        assertThat(second.balanced()).isTrue();
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE kafka_offset = 50 AND reason ="
                        + " 'duplicate of event e-1: kept the copy at shop.item-sold.v1/0@1'"))
                .isEqualTo(1);
        assertThat(area.queryLong("SELECT count(*) FROM clean.items_sold WHERE sku = 'sku-new'"))
                .isEqualTo(5);
        assertThat(area.queryLong("SELECT kafka_offset FROM " + CleaningStage.WATERMARK))
                .isEqualTo(50);

        var nothingNew = stage.run(area, SHOP);
        assertThat(nothingNew.batch()).isEqualTo(new CleaningReport.Batch(0, 0, 0));
        assertThat(nothingNew.pipelineTime()).isZero();
        assertThat(nothingNew.cleanRows()).isEqualTo(second.cleanRows());
    }

    @Test
    void aGapIsFoundWhenItsTwoEndsArriveInDifferentRuns() {
        var stage = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT);
        sql(
                """
                INSERT INTO raw.events VALUES
                ('shop.search-performed.v1', 0, 0, NULL, 's-1', 'SearchPerformed', 1, TIMESTAMP '2026-05-01 10:05:00',
                 '{"data":{"query":"red shoes"}}', now()::TIMESTAMP)""");
        assertThat(stage.run(area, GUARDED_SHOP).gaps()).isEmpty();
        sql(
                """
                INSERT INTO raw.events VALUES
                ('shop.search-performed.v1', 0, 1, NULL, 's-2', 'SearchPerformed', 1, TIMESTAMP '2026-05-01 13:30:00',
                 '{"data":{"query":"blue shoes"}}', now()::TIMESTAMP)""");

        var report = stage.run(area, GUARDED_SHOP);

        assertThat(report.batch().input()).isEqualTo(1);
        assertThat(report.gaps())
                .containsExactly(new Gap(
                        "SearchPerformed",
                        Instant.parse("2026-05-01T11:00:00Z"),
                        Instant.parse("2026-05-01T13:00:00Z"),
                        2,
                        Duration.ofHours(1)));
    }

    @Test
    void aRunThatDoesNotBalanceChangesNothingAndSaysWhy() {
        var stage = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT);
        // a step that drops what it does not like instead of routing it to quarantine
        DomainCleaning filtering = plan -> {
            var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
            plan.write(unique.apply(
                            "DropSecondDay", Filter.by(event -> !event.eventId().equals("e-45")))
                    .apply("StructureItemsSold", StructureJson.into(ITEMS_SOLD)));
        };
        assertThat(stage.run(area, filtering).balanced()).isTrue();
        sql(
                """
                INSERT INTO raw.events
                SELECT 'shop.item-sold.v1', 0, 45, NULL, 'e-45', 'ItemSold', 1, TIMESTAMP '2026-05-02 10:00:00',
                       '{"data":{"sku":"s","quantity":1,"price":1}}', now()::TIMESTAMP""");

        assertThatThrownBy(() -> stage.run(area, filtering))
                .isInstanceOf(CleaningStage.CleaningNotBalanced.class)
                .hasMessageStartingWith("shop's cleaning does not balance: of 1 raw records, 0 became clean rows and 0"
                        + " were quarantined, so 1 are unaccounted for.");
        assertThat(area.queryLong("SELECT kafka_offset FROM " + CleaningStage.WATERMARK))
                .isEqualTo(44);
        assertThat(area.queryLong("SELECT count(*) FROM clean.items_sold")).isEqualTo(37);
    }

    @Test
    void aCleaningOfAnotherShapeCleansTheWholeRawZoneAgain() {
        var stage = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT);
        stage.run(area, SHOP);
        addVersionedSalesAndSearches();

        var report = stage.run(area, GUARDED_SHOP);

        assertThat(report.batch().input()).isEqualTo(52);
        assertGuardedShopReport(report);
    }

    @Test
    void theCleanZoneIsTheSameWhetherTheRecordsArriveInOneRunOrInSevenOrInFifty() {
        addVersionedSalesAndSearches();
        sql("CREATE TABLE main.stream AS SELECT * FROM raw.events");
        // 58 runs of one composition the tests on the direct runner above check step by step: without the checks
        var stage = new CleaningStage(layout, CleaningRunner.directWithoutChecks(), RawEvents.SALT);

        var inOne = cleanInRuns(stage, 1);
        assertGuardedShopReport(inOne.report());
        for (int runs : new int[] {7, 50}) {
            var inMany = cleanInRuns(stage, runs);

            assertThat(inMany.tables()).as("clean rows in %d runs", runs).isEqualTo(inOne.tables());
            assertThat(inMany.quarantine()).as("quarantine in %d runs", runs).isEqualTo(inOne.quarantine());
            assertThat(inMany.report().gaps())
                    .as("gaps in %d runs", runs)
                    .isEqualTo(inOne.report().gaps());
        }
    }

    /** What a clean zone holds: its tables' rows and its quarantined records, each as text in order. */
    record CleanZone(List<String> tables, List<String> quarantine, CleaningReport report) {}

    /**
     * Empties the raw and clean zones, then lands the stream in {@code runs} runs (each topic and partition cut into
     * equal parts in offset order) and cleans after each; every run must balance. In seven runs, the copies of
     * e-0 to e-4 (offsets 0-4 and 40-44) arrive in different runs, the searches before and after the gap too, and
     * the schema versions arrive interleaved.
     */
    private CleanZone cleanInRuns(CleaningStage stage, int runs) {
        sql("DELETE FROM raw.events");
        sql("CREATE OR REPLACE TABLE main.runs AS SELECT topic, kafka_partition, kafka_offset,"
                + " (row_number() OVER (PARTITION BY topic, kafka_partition ORDER BY kafka_offset) - 1) * " + runs
                + " // count(*) OVER (PARTITION BY topic, kafka_partition) AS run FROM main.stream");
        CleaningReport report = null;
        for (int run = 0; run < runs; run++) {
            sql("INSERT INTO raw.events SELECT s.* FROM main.stream s JOIN main.runs r"
                    + " USING (topic, kafka_partition, kafka_offset) WHERE r.run = " + run);
            // the first run replaces what the previous replay left in the clean zone
            report = run == 0 ? stage.runFromScratch(area, GUARDED_SHOP) : stage.run(area, GUARDED_SHOP);
            assertThat(report.batch().balanced())
                    .as("run %d of %d: %s", run, runs, report.batch())
                    .isTrue();
            assertThat(report.balanced())
                    .as("all after run %d of %d", run, runs)
                    .isTrue();
        }
        return new CleanZone(
                texts("SELECT 'items_sold ' || t::VARCHAR AS row FROM clean.items_sold t UNION ALL"
                        + " SELECT 'searches ' || t::VARCHAR FROM clean.searches t ORDER BY row"),
                texts("SELECT concat_ws(' ', rule, reason, topic, kafka_partition, kafka_offset, event_id) AS row"
                        + " FROM quarantine.records WHERE stage = 'clean' ORDER BY row"),
                report);
    }

    private List<String> texts(String query) {
        return area.withConnection(connection -> {
            var rows = new ArrayList<String>();
            try (var result = connection.createStatement().executeQuery(query)) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        });
    }

    /**
     * The cleaning the direct runner's tests check, on Flink in-process and on a Flink session cluster (a JobManager
     * and a TaskManager in processes of their own, reached only through the REST API, as the scale profile's domains
     * reach theirs): the same clean rows, quarantined records and report both ways, and the job finished in the
     * cluster's list.
     */
    @Test
    void cleansTheSameOnAFlinkSessionClusterAsInProcess() throws Exception {
        addVersionedSalesAndSearches();
        sql("CREATE TABLE main.stream AS SELECT * FROM raw.events");
        var inProcess = cleanInRuns(new CleaningStage(layout, FLINK_TWO_SLOTS, RawEvents.SALT), 1);
        assertGuardedShopReport(inProcess.report());

        try (var cluster = LocalSessionCluster.start(dataDir.resolve("cluster"))) {
            var runner = CleaningRunner.parse("flink:" + cluster.address() + "?parallelism=2");
            var onCluster = cleanInRuns(new CleaningStage(layout, runner, RawEvents.SALT), 1);

            assertGuardedShopReport(onCluster.report());
            assertThat(onCluster.tables()).isEqualTo(inProcess.tables());
            assertThat(onCluster.quarantine()).isEqualTo(inProcess.quarantine());
            assertThat(onCluster.report().changed())
                    .isEqualTo(inProcess.report().changed());
            assertThat(cluster.jobs()).containsExactly("clean-shop FINISHED");
        }
    }

    @Test
    void anEmptyRawZoneGivesEmptyTables() {
        sql("DELETE FROM raw.events");
        var report = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT).run(area, SHOP);

        assertThat(report.cleanRows()).isEqualTo(Map.of("items_sold", 0L));
        assertThat(report.balanced()).isTrue();
    }

    @Test
    void mapsMasksRepairsAndFindsGapsAndReportsWhatItChangedOnTheDirectRunner() {
        addVersionedSalesAndSearches();

        var report = new CleaningStage(layout, CleaningRunner.direct(), RawEvents.SALT).run(area, GUARDED_SHOP);

        assertGuardedShopReport(report);
        assertThat(area.queryLong("SELECT count(*) FROM clean.items_sold WHERE channel = 'web' AND unit_price = 2.50"))
                .isEqualTo(37);
        assertThat(area.queryLong("SELECT count(*) FROM clean.items_sold WHERE event_id = 'v2-1' AND buyer_email = '"
                        + MaskPersonalDataTests.ANN_HASH + "'"))
                .isEqualTo(1);
        assertThat(area.queryLong(
                        "SELECT count(*) FROM clean.items_sold WHERE event_id = 'v2-2' AND unit_price = 12.50"))
                .isEqualTo(1);
        assertThat(area.queryLong("SELECT count(*) FROM clean.searches WHERE query IN ('red shoes',"
                        + " 'mail me at [email]', 'call [phone] please')"))
                .isEqualTo(3);
    }

    @Test
    void readsWhatTheStepsChangedFromFlinkToo() {
        addVersionedSalesAndSearches();

        assertGuardedShopReport(new CleaningStage(layout, FLINK_TWO_SLOTS, RawEvents.SALT).run(area, GUARDED_SHOP));
    }

    /** On top of the 45 records of version 1: four sales of later versions and three searches, none at noon. */
    private void addVersionedSalesAndSearches() {
        sql(
                """
                INSERT INTO raw.events VALUES
                ('shop.item-sold.v2', 0, 0, NULL, 'v2-1', 'ItemSold', 2, TIMESTAMP '2026-05-01 10:50:00',
                 '{"data":{"sku":"sku-9","quantity":1,"unitPrice":3.5,"channel":"app",
                           "buyer":{"email":"ann@example.com","name":"Ann"}}}', now()::TIMESTAMP),
                ('shop.item-sold.v2', 0, 1, NULL, 'v2-2', 'ItemSold', 2, TIMESTAMP '2026-05-01 10:51:00',
                 '{"data":{"sku":"sku-9","quantity":2,"unitPrice":1250,"channel":"app",
                           "buyer":{"email":"bob@example.com"}}}', now()::TIMESTAMP),
                ('shop.item-sold.v2', 0, 2, NULL, 'v2-3', 'ItemSold', 2, TIMESTAMP '2026-05-01 10:52:00',
                 '{"data":{"sku":"sku-9","quantity":-1,"unitPrice":3.5,"channel":"app"}}', now()::TIMESTAMP),
                ('shop.item-sold.v3', 0, 0, NULL, 'v3-1', 'ItemSold', 3, TIMESTAMP '2026-05-01 10:53:00',
                 '{"data":{"sku":"sku-9","quantity":1,"unitPrice":3.5,"channel":"app"}}', now()::TIMESTAMP),
                ('shop.search-performed.v1', 0, 0, NULL, 's-1', 'SearchPerformed', 1, TIMESTAMP '2026-05-01 10:05:00',
                 '{"data":{"query":"red shoes"}}', now()::TIMESTAMP),
                ('shop.search-performed.v1', 0, 1, NULL, 's-2', 'SearchPerformed', 1, TIMESTAMP '2026-05-01 11:30:00',
                 '{"data":{"query":"mail me at ann@example.com"}}', now()::TIMESTAMP),
                ('shop.search-performed.v1', 0, 2, NULL, 's-3', 'SearchPerformed', 1, TIMESTAMP '2026-05-01 14:10:00',
                 '{"data":{"query":"call 0151 2345678 please"}}', now()::TIMESTAMP)""");
    }

    private static void assertGuardedShopReport(CleaningReport report) {
        assertThat(report.input()).isEqualTo(52);
        assertThat(report.cleanRows()).isEqualTo(Map.of("items_sold", 39L, "searches", 3L));
        assertThat(report.quarantinedByRule())
                .isEqualTo(Map.of(
                        "duplicate", 5L,
                        "missing-field", 3L,
                        "unknown-schema-version", 1L,
                        "negative-quantity", 1L));
        assertThat(report.balanced()).isTrue();
        assertThat(report.changed())
                .isEqualTo(Map.of(
                        "mapped/ItemSold v1", 40L,
                        "masked/ItemSold /buyer/email hashed", 2L,
                        "masked/ItemSold /buyer/name dropped", 1L,
                        "redacted/SearchPerformed /query email", 1L,
                        "redacted/SearchPerformed /query phone", 1L,
                        "repaired/price-in-cents", 1L));
        assertThat(report.gaps())
                .containsExactly(new Gap(
                        "SearchPerformed",
                        Instant.parse("2026-05-01T12:00:00Z"),
                        Instant.parse("2026-05-01T14:00:00Z"),
                        2,
                        Duration.ofHours(1)));
    }

    private void sql(String statement) {
        area.withConnection(connection -> connection.createStatement().execute(statement));
    }
}
