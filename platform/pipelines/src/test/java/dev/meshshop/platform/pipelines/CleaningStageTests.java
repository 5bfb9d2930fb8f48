package dev.meshshop.platform.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleaningStageTests {

    static final CleanTable ITEMS_SOLD = StructureJsonTests.ITEMS_SOLD;

    /** The composition a domain would write: deduplicate, then structure. */
    static final DomainCleaning SHOP = plan -> {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        plan.write(unique.apply("StructureItemsSold", StructureJson.into(ITEMS_SOLD)));
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
        var report = new CleaningStage(layout, CleaningRunner.direct()).run(area, SHOP);

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
        var stage = new CleaningStage(layout, CleaningRunner.direct());
        stage.run(area, SHOP);
        var again = stage.run(area, SHOP);

        assertThat(again.clean()).isEqualTo(37);
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'clean'"))
                .isEqualTo(8);
    }

    @Test
    void runsTheSamePipelineOnFlinkInProcess() {
        var report =
                new CleaningStage(layout, new CleaningRunner(CleaningRunner.Kind.FLINK, "[local]", 2)).run(area, SHOP);

        assertThat(report.cleanRows()).isEqualTo(Map.of("items_sold", 37L));
        assertThat(report.quarantinedByRule()).isEqualTo(Map.of("duplicate", 5L, "missing-field", 3L));
    }

    @Test
    void anEmptyRawZoneGivesEmptyTables() {
        sql("DELETE FROM raw.events");
        var report = new CleaningStage(layout, CleaningRunner.direct()).run(area, SHOP);

        assertThat(report.cleanRows()).isEqualTo(Map.of("items_sold", 0L));
        assertThat(report.balanced()).isTrue();
    }

    private void sql(String statement) {
        area.withConnection(connection -> connection.createStatement().execute(statement));
    }
}
