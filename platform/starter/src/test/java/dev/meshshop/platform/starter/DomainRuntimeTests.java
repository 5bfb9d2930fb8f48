package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.ingest.FileExport;
import dev.meshshop.platform.ingest.FileInbox;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.PersonalDataSalt;
import dev.meshshop.platform.pipelines.StructureJson;
import dev.meshshop.platform.storage.ContractGate;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.PublishRefusedException;
import dev.meshshop.platform.storage.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.transforms.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;

/**
 * A domain's refresh as the platform runs it: clean, model, publish. When a stage fails, the product keeps
 * serving its last good snapshot and the member's health says why.
 */
class DomainRuntimeTests {

    record ItemSold(String sku, int quantity) {}

    static final EventType<ItemSold> ITEM_SOLD = new EventType<>("shop.item-sold.v1", "ItemSold", 1, ItemSold.class);
    static final CleanTable ITEMS_SOLD = CleanTable.of("items_sold", "ItemSold")
            .column("sku", ColumnType.STRING, "/sku", CleanTable.Required.YES)
            .column("quantity", ColumnType.INTEGER, "/quantity", CleanTable.Required.YES);
    static final DomainCleaning CLEANING =
            plan -> plan.write(plan.rawEvents().apply("Structure", StructureJson.into(ITEMS_SOLD)));

    @TempDir
    Path dataDir;

    DomainArea area;
    MeshLayout layout;

    @BeforeEach
    void openArea() {
        layout = new MeshLayout(dataDir);
        area = DomainArea.open(layout, "shop");
    }

    @AfterEach
    void closeArea() {
        area.close();
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodSnapshotAndTurnsTheMemberDown() {
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        var good = runtime("mesh/shop/models/sales.sql").refresh().snapshots().get(0);
        assertThat(good.rowCount()).isEqualTo(1);

        rawEvent(1, "{\"sku\":\"b\",\"quantity\":3}");
        var broken = runtime("mesh/shop/models/broken.sql");

        assertThatThrownBy(broken::refresh).hasMessageContaining("Model mesh/shop/models/broken.sql of domain shop");
        assertThat(broken.lastFailure()).contains("broken.sql");
        assertThat(new MeshDirectory(layout)
                        .latest(ProductId.parse("shop.sales"))
                        .orElseThrow()
                        .snapshot())
                .isEqualTo(good);
        var health = new MeshHealthIndicator(new MeshRuntime(List.of(broken), Duration.ZERO, AT_ONCE)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("shop").toString()).contains("lastRefreshFailed");
    }

    @Test
    void aSuccessfulRefreshReportsEveryStageAndTheMemberIsUp() {
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        rawEvent(1, "{\"sku\":\"b\",\"quantity\":\"three\"}");
        var runtime = runtime("mesh/shop/models/sales.sql");

        var report = runtime.refresh();

        assertThat(report.cleaning().cleanRows()).isEqualTo(Map.of("items_sold", 1L));
        assertThat(report.cleaning().quarantinedByRule()).isEqualTo(Map.of("invalid-field", 1L));
        assertThat(report.snapshots()).singleElement().satisfies(snapshot -> assertThat(snapshot.product())
                .isEqualTo("shop.sales"));
        assertThat(runtime.lastRefresh()).isEqualTo(report);
        var health = new MeshHealthIndicator(new MeshRuntime(List.of(runtime), Duration.ZERO, AT_ONCE)).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
    }

    static final RefreshTrigger AT_ONCE = new RefreshTrigger(Duration.ZERO, 1_000);

    @Test
    void theRefreshDrivenByDataWaitsForTheFirstEventsThenRefreshesOnlyWhenMoreArrive() {
        var runtime = runtime("mesh/shop/models/sales.sql");

        runtime.refreshIfChanged(AT_ONCE);
        assertThat(runtime.lastRefresh()).isNull();
        assertThat(runtime.lastFailure()).isNull();
        assertThat(new MeshDirectory(layout).latest(ProductId.parse("shop.sales")))
                .isEmpty();

        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        runtime.refreshIfChanged(AT_ONCE);
        var first = runtime.lastRefresh();
        assertThat(first.snapshots()).singleElement().satisfies(snapshot -> assertThat(snapshot.rowCount())
                .isEqualTo(1));

        runtime.refreshIfChanged(AT_ONCE);
        assertThat(runtime.lastRefresh()).isSameAs(first);
    }

    @Test
    void aFileDeliveredToTheDomainsInboxIsLoadedAndRefreshesItAtOnceAndOnlyOnce() throws Exception {
        var export = new FileExport(
                "shop",
                "prices",
                Pattern.compile("prices-(?<day>\\d{4}-\\d{2}-\\d{2})\\.csv"),
                List.of(FileExport.Column.code("sku"), FileExport.Column.decimal("price")),
                Duration.ofHours(6));
        Path inbox = layout.inbox("shop", "prices");
        var runtime = runtime(
                List.of("mesh/shop/models/sales.sql"),
                List.of("mesh/shop/products/sales"),
                CLEANING,
                List.of(),
                List.of(new FileInbox(area, export, inbox, Clock.systemUTC())));
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        runtime.refreshIfChanged(AT_ONCE);
        var first = runtime.lastRefresh();
        assertThat(first).isNotNull();

        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("prices-2025-03-02.csv"), "sku,price\na,2.50\n");
        runtime.refreshIfChanged(AT_ONCE);

        assertThat(area.queryLong("SELECT count(*) FROM raw.prices")).isOne();
        assertThat(runtime.lastRefresh()).as("a new file refreshes the domain").isNotSameAs(first);
        var second = runtime.lastRefresh();
        runtime.refreshIfChanged(AT_ONCE);
        assertThat(runtime.lastRefresh()).as("nothing new: no refresh").isSameAs(second);

        // the same area opened by a new runtime, as after a restart: the files it took are no reason to refresh
        var again = runtime(
                List.of("mesh/shop/models/sales.sql"),
                List.of("mesh/shop/products/sales"),
                CLEANING,
                List.of(),
                List.of(new FileInbox(area, export, inbox, Clock.systemUTC())));
        again.refreshIfChanged(AT_ONCE);
        assertThat(again.lastRefresh()).isNull();
    }

    @Test
    void aDomainStartedAgainOnItsAreaPublishesNothingNewUntilMoreArrives() {
        var sales = ProductId.parse("shop.sales");
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        runtime("mesh/shop/models/sales.sql").refreshIfChanged(AT_ONCE);
        var published = new MeshDirectory(layout).latest(sales).orElseThrow().snapshot();

        // the same area opened by a new runtime, as after a restart of the process
        var again = runtime("mesh/shop/models/sales.sql");
        again.refreshIfChanged(AT_ONCE);
        assertThat(again.lastRefresh()).isNull();
        assertThat(new MeshDirectory(layout).latest(sales).orElseThrow().snapshot())
                .isEqualTo(published);

        // started with one more model, the domain is another definition: it refreshes at once, with no new records
        var edited = runtime(
                List.of("mesh/shop/models/sales.sql", "mesh/shop/models/quantities.sql"),
                List.of("mesh/shop/products/sales"),
                CLEANING,
                List.of());
        edited.refreshIfChanged(AT_ONCE);
        assertThat(edited.lastRefresh()).isNotNull();
        assertThat(area.queryLong("SELECT count(*) FROM model.quantities")).isEqualTo(1);

        rawEvent(1, "{\"sku\":\"b\",\"quantity\":1}");
        again.refreshIfChanged(AT_ONCE);
        assertThat(again.lastRefresh().snapshots())
                .singleElement()
                .satisfies(snapshot -> assertThat(snapshot.rowCount()).isEqualTo(2));
        assertThat(new MeshDirectory(layout).latest(sales).orElseThrow().snapshot())
                .isNotEqualTo(published);
    }

    @Test
    void newRecordsWaitForTheDebounceUnlessTheBatchCapIsReached() {
        var runtime = runtime("mesh/shop/models/sales.sql");
        var hourOrTwoRecords = new RefreshTrigger(Duration.ofHours(1), 2);

        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        runtime.refreshIfChanged(hourOrTwoRecords);
        assertThat(runtime.lastRefresh())
                .as("one record waits for the debounce")
                .isNull();

        rawEvent(1, "{\"sku\":\"b\",\"quantity\":3}");
        runtime.refreshIfChanged(hourOrTwoRecords);
        assertThat(runtime.lastRefresh().cleaning().batch().input())
                .as("two records reach the cap")
                .isEqualTo(2);

        rawEvent(2, "{\"sku\":\"c\",\"quantity\":1}");
        runtime.refreshIfChanged(hourOrTwoRecords);
        assertThat(runtime.lastRefresh().cleaning().input()).isEqualTo(2);
        runtime.refreshIfChanged(new RefreshTrigger(Duration.ZERO, 2));
        assertThat(runtime.lastRefresh().cleaning().batch().input())
                .as("the debounce has passed")
                .isEqualTo(1);
        assertThatThrownBy(() -> new RefreshTrigger(Duration.ofSeconds(2), 0))
                .hasMessageContaining("mesh.refresh-batch-cap must be at least 1 record, was 0");
    }

    @Test
    void aCleaningThatDoesNotBalancePublishesNothingAndSaysWhyInHealthAndTheCatalog() {
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        var good = runtime("mesh/shop/models/sales.sql").refresh().snapshots().get(0);
        rawEvent(1, "{\"sku\":\"b\",\"quantity\":3}");
        // a cleaning whose step drops an event instead of routing it to quarantine
        var dropping = runtime(
                "mesh/shop/models/sales.sql",
                plan -> plan.write(plan.rawEvents()
                        .apply("DropB", Filter.by(event -> !event.data().contains("\"b\"")))
                        .apply("Structure", StructureJson.into(ITEMS_SOLD))));

        assertThatThrownBy(dropping::refresh).hasMessageContaining("cleaning does not balance");

        var port =
                new MeshDirectory(layout).latest(ProductId.parse("shop.sales")).orElseThrow();
        assertThat(port.snapshot()).isEqualTo(good);
        assertThat(port.lastRefusal().orElseThrow().audits()).singleElement().satisfies(audit -> {
            assertThat(audit.gate()).isEqualTo(DomainRuntime.BALANCE_GATE);
            assertThat(audit.summary()).contains("was not refreshed").contains("does not balance");
        });
        var health = new MeshHealthIndicator(new MeshRuntime(List.of(dropping), Duration.ZERO, AT_ONCE)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("shop").toString()).contains("does not balance");
    }

    @Test
    void aRefreshWhoseSecondProductIsRefusedPublishesNeitherAndSaysWhichAndWhy() {
        var runtime = runtime(
                List.of("mesh/shop/models/sales.sql", "mesh/shop/models/quantities.sql"),
                List.of("mesh/shop/products/sales", "mesh/shop/products/quantities"),
                CLEANING,
                List.of(new ContractGate(Clock.systemUTC())));
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        var good = runtime.refresh().snapshots();
        assertThat(good).extracting(Snapshot::product).containsExactly("shop.sales", "shop.quantities");

        // within shop.sales' contract, beyond the maximum of 100 in shop.quantities'
        rawEvent(1, "{\"sku\":\"b\",\"quantity\":500}");
        assertThatThrownBy(runtime::refresh)
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("Refused to publish shop.quantities v1")
                .hasMessageContaining("quantity")
                .hasMessageContaining("Held back with it")
                .hasMessageContaining("shop.sales v1");

        var mesh = new MeshDirectory(layout);
        var sales = mesh.latest(ProductId.parse("shop.sales")).orElseThrow();
        assertThat(sales.snapshot()).isEqualTo(good.get(0));
        assertThat(area.queryLong("SELECT count(*) FROM read_parquet('" + sales.dataFile() + "')"))
                .isEqualTo(1);
        assertThat(mesh.latest(ProductId.parse("shop.quantities")).orElseThrow().snapshot())
                .isEqualTo(good.get(1));
        assertThat(sales.lastRefusal().orElseThrow().audits())
                .anySatisfy(audit -> assertThat(audit.gate()).isEqualTo(OutputPortPublisher.TOGETHER_GATE));
        var health = new MeshHealthIndicator(new MeshRuntime(List.of(runtime), Duration.ZERO, AT_ONCE)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("shop").toString()).contains("shop.quantities");
    }

    @Test
    void afterARefreshNothingUnderTheDataDirectoryIsReadableByOthers() throws IOException {
        assumeTrue(Files.getFileStore(dataDir).supportsFileAttributeView("posix"), "POSIX permissions");
        PersonalDataSalt.configuredOrKept(null, layout);
        var runtime = runtime(
                List.of("mesh/shop/models/sales.sql"),
                List.of("mesh/shop/products/sales"),
                CLEANING,
                List.of(new ContractGate(Clock.systemUTC())));
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        runtime.refresh();
        rawEvent(1, "{\"sku\":\"b\",\"quantity\":-3}");
        assertThatThrownBy(runtime::refresh).isInstanceOf(PublishRefusedException.class);

        var names = new ArrayList<String>();
        var open = new ArrayList<String>();
        try (var walk = Files.walk(dataDir)) {
            walk.filter(path -> !path.equals(dataDir)).forEach(path -> {
                names.add(path.getFileName().toString());
                try {
                    var permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                    if (permissions.stream()
                            .anyMatch(permission -> !permission.name().startsWith("OWNER_"))) {
                        open.add(dataDir.relativize(path) + " " + PosixFilePermissions.toString(permissions));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        assertThat(names)
                .as("the area, a snapshot, a refusal and the salt are there to be checked")
                .contains("shop.duckdb", "data.parquet", "current.json", "refused", PersonalDataSalt.FILE);
        assertThat(open).isEmpty();
    }

    @Test
    void whatInterruptedRunsLeftIsRemovedWhenTheDomainStartsAndARunThatFailsLeavesNothing() throws IOException {
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        var good = runtime("mesh/shop/models/sales.sql").refresh().snapshots().get(0);
        // what a process killed while cleaning and publishing leaves: the raw export, personal data in clear text
        Path killedRun = layout.workDir("shop").resolve("clean-12345");
        Files.createDirectories(killedRun.resolve("items_sold"));
        Files.writeString(killedRun.resolve("raw.jsonl"), "{\"email\":\"ada@example.com\"}\n");
        Path port = layout.outputPort(ProductId.parse("shop.sales"), 1);
        Path staging = port.resolve(".staging-20260501T100000000Z-killed");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("data.parquet"), "half a product");
        Path pointer = port.resolve(".current.json.killed.tmp");
        Files.writeString(pointer, "{\"id\":");

        runtime("mesh/shop/models/sales.sql");

        assertThat(layout.workDir("shop")).isEmptyDirectory();
        assertThat(staging).doesNotExist();
        assertThat(pointer).doesNotExist();
        assertThat(new MeshDirectory(layout)
                        .latest(ProductId.parse("shop.sales"))
                        .orElseThrow()
                        .snapshot())
                .isEqualTo(good);

        rawEvent(1, "{\"sku\":\"b\",\"quantity\":3}");
        var breaking = runtime(
                "mesh/shop/models/sales.sql",
                plan -> plan.write(plan.rawEvents()
                        .apply("Break", Filter.by(event -> {
                            throw new IllegalStateException("a step that breaks midway");
                        }))
                        .apply("Structure", StructureJson.into(ITEMS_SOLD))));
        assertThatThrownBy(breaking::refresh).hasStackTraceContaining("a step that breaks midway");
        assertThat(layout.workDir("shop"))
                .as("the failed run's export is gone with it")
                .isEmptyDirectory();
    }

    @Test
    void aRefreshCheckpointsTheAreaSoThatItsWriteAheadLogStaysSmall() throws IOException {
        Path wal = layout.domainDatabase("shop").resolveSibling("shop.duckdb.wal");
        area.withConnection(connection -> connection
                .createStatement()
                .execute("INSERT INTO raw.events SELECT 'shop.item-sold.v1', 0, i, NULL, 'e-' || i, 'ItemSold', 1,"
                        + " TIMESTAMP '2026-05-01 10:00:00', json_object('data', json_object('sku', 'sku-' || i,"
                        + " 'quantity', 1 + i % 5))::VARCHAR, now()::TIMESTAMP FROM range(10000) t(i)"));
        assertThat(wal).as("what ingest wrote is in the log").exists();
        assertThat(Files.size(wal)).isGreaterThan(500_000);

        var report = runtime("mesh/shop/models/sales.sql").refresh();

        assertThat(report.cleaning().clean()).isEqualTo(10_000);
        assertThat(Files.exists(wal) ? Files.size(wal) : 0)
                .as("the log after the refresh")
                .isLessThan(16 * 1024);
    }

    @Test
    void aRecordTheCleanZoneCannotHoldIsQuarantinedWithItsReasonAndTheRefreshSucceeds() {
        var itemsPriced = ITEMS_SOLD
                .column("price", ColumnType.DECIMAL, "/price", CleanTable.Required.NO)
                .column("sold_at", ColumnType.TIMESTAMP, "/soldAt", CleanTable.Required.NO);
        var runtime = runtime(
                List.of("mesh/shop/models/sales.sql"),
                List.of("mesh/shop/products/sales"),
                plan -> plan.write(plan.rawEvents().apply("Structure", StructureJson.into(itemsPriced))),
                List.of());
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2,\"price\":9.99,\"soldAt\":\"2026-05-01T10:00:00Z\"}");
        rawEvent(1, "{\"sku\":\"b\",\"quantity\":1,\"price\":1e50}");
        rawEvent(2, "{\"sku\":\"c\",\"quantity\":1,\"soldAt\":\"+100000-01-01T00:00:00Z\"}");
        // stored before ingest checked the envelope's instants
        rawEvent(3, "100000-01-01 00:00:00", "{\"sku\":\"d\",\"quantity\":1}");

        var report = runtime.refresh();

        assertThat(report.cleaning().cleanRows()).isEqualTo(Map.of("items_sold", 1L));
        assertThat(report.cleaning().quarantinedByRule()).isEqualTo(Map.of(StructureJson.INVALID_FIELD, 3L));
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'clean' AND ("
                        + "(event_id = 'e-1' AND reason LIKE '%/price must be a number between%')"
                        + " OR (event_id = 'e-2' AND reason LIKE '%/soldAt must be an ISO-8601 instant between the"
                        + " years 1 and 9999%')"
                        + " OR (event_id = 'e-3' AND reason LIKE '%occurredAt must be an instant between the years 1"
                        + " and 9999%'))"))
                .isEqualTo(3);
        assertThat(report.snapshots()).singleElement().satisfies(snapshot -> assertThat(snapshot.rowCount())
                .isEqualTo(1));
        assertThat(runtime.lastFailure()).isNull();
    }

    @Test
    void aProductReadingAnOptionalInputPortWaitsForItWhileTheOthersPublishThenItsStepBuildsItWithFiles() {
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        var seen = new java.util.ArrayList<String>();
        var step = dev.meshshop.platform.storage.ModelStep.of("fit the forecast", "sales_forecast", context -> {
            var prices = context.input("other.prices");
            seen.add(prices.snapshot().id());
            context.area().withConnection(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.execute("CREATE OR REPLACE TABLE model.sales_forecast AS SELECT * FROM model.sales");
                    statement.execute("CREATE OR REPLACE TABLE model.sales_forecast_files AS SELECT * FROM (VALUES"
                            + " ('forecast.onnx', 'application/octet-stream', encode('weights')),"
                            + " ('model-card.json', 'application/json', encode('{}'))) t(name, media_type, content)");
                }
                return null;
            });
        });
        var runtime = runtime(
                List.of("mesh/shop/models/sales.sql"),
                List.of("mesh/shop/products/sales", "mesh/shop/products/sales_forecast"),
                CLEANING,
                List.of(),
                List.of(),
                List.of(step));

        runtime.refreshIfChanged(AT_ONCE);

        assertThat(runtime.lastRefresh().snapshots())
                .extracting(Snapshot::product)
                .containsExactly("shop.sales");
        assertThat(seen).as("the step of a product left out does not run").isEmpty();

        var prices = DataProduct.fromClasspath(
                "mesh/other/products/prices", getClass().getClassLoader());
        try (var other = DomainArea.open(layout, "other")) {
            other.withConnection(connection -> connection
                    .createStatement()
                    .execute("CREATE TABLE model.prices AS SELECT DATE '2026-05-01' AS day, 2.5 AS amount"));
            new OutputPortPublisher(layout, Clock.systemUTC(), List.of(), 3).publish(other, prices);
        }
        runtime.refreshIfChanged(AT_ONCE);

        var published = runtime.lastRefresh().snapshots();
        assertThat(published)
                .as("only the product that reads the new snapshot is published again; shop.sales did not change")
                .extracting(Snapshot::product)
                .containsExactly("shop.sales_forecast");
        assertThat(seen)
                .singleElement()
                .isEqualTo(new MeshDirectory(layout)
                        .find(prices.id(), 1)
                        .orElseThrow()
                        .snapshot()
                        .id());
        assertThat(published.get(0).artifacts())
                .extracting(Snapshot.Artifact::name)
                .containsExactly("forecast.onnx", "model-card.json");

        runtime.refreshIfChanged(AT_ONCE);
        assertThat(runtime.lastRefresh().snapshots())
                .as("nothing changed since: no refresh")
                .isEqualTo(published);
        assertThat(seen).hasSize(1);
    }

    @Test
    void aStepThatFailsFailsTheRefreshNamingItselfAndPublishesNothing() {
        rawEvent(0, "{\"sku\":\"a\",\"quantity\":2}");
        var step = dev.meshshop.platform.storage.ModelStep.of("render", "sales", context -> {
            throw new IllegalStateException("no font");
        });
        var runtime = runtime(
                List.of("mesh/shop/models/sales.sql"),
                List.of("mesh/shop/products/sales"),
                CLEANING,
                List.of(),
                List.of(),
                List.of(step));

        assertThatThrownBy(runtime::refresh)
                .hasMessageContaining("Step render of domain shop (product sales) failed: no font");
        assertThat(new MeshDirectory(layout).ports()).isEmpty();
    }

    private DomainRuntime runtime(String model) {
        return runtime(model, CLEANING);
    }

    private DomainRuntime runtime(String model, DomainCleaning cleaning) {
        return runtime(List.of(model), List.of("mesh/shop/products/sales"), cleaning, List.of());
    }

    private DomainRuntime runtime(
            List<String> models, List<String> products, DomainCleaning cleaning, List<PublishGate> gates) {
        return runtime(models, products, cleaning, gates, List.of());
    }

    private DomainRuntime runtime(
            List<String> models,
            List<String> products,
            DomainCleaning cleaning,
            List<PublishGate> gates,
            List<FileInbox> inboxes) {
        return runtime(models, products, cleaning, gates, inboxes, List.of());
    }

    private DomainRuntime runtime(
            List<String> models,
            List<String> products,
            DomainCleaning cleaning,
            List<PublishGate> gates,
            List<FileInbox> inboxes,
            List<dev.meshshop.platform.storage.ModelStep> steps) {
        var domain = new MeshDomain("shop", "shop-team", List.of(ITEM_SOLD), cleaning, models, products, steps);
        return TestRuntimes.of(domain, layout, area, TestRuntimes.idleIngestor(domain, area), gates, inboxes);
    }

    private void rawEvent(long offset, String data) {
        rawEvent(offset, "2026-05-01 10:00:00", data);
    }

    private void rawEvent(long offset, String occurredAt, String data) {
        area.withConnection(connection -> connection
                .createStatement()
                .execute("INSERT INTO raw.events VALUES ('shop.item-sold.v1', 0, " + offset + ", NULL, 'e-" + offset
                        + "', 'ItemSold', 1, TIMESTAMP '" + occurredAt + "', json_object('data', '" + data
                        + "'::JSON)::VARCHAR, now()::TIMESTAMP)"));
    }
}
