package dev.meshshop.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputPortPublisherTests {

    @TempDir
    Path dataDir;

    MeshLayout layout;
    DomainArea area;
    DataProduct sales =
            DataProduct.fromClasspath("mesh/shop/products/sales", getClass().getClassLoader());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    @BeforeEach
    void openArea() {
        layout = new MeshLayout(dataDir);
        area = DomainArea.open(layout, "shop");
        sql("CREATE TABLE model.sales AS SELECT DATE '2026-01-01' + i::INTEGER AS day, i * 1.5 AS amount"
                + " FROM range(10) t(i)");
    }

    @AfterEach
    void closeArea() {
        area.close();
    }

    @Test
    void publishesAParquetSnapshotWithContractAndDescriptorBehindAPointer() {
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 3);

        var snapshot = publisher.publish(area, sales).get(0);

        assertThat(snapshot.rowCount()).isEqualTo(10);
        assertThat(snapshot.major()).isEqualTo(1);
        assertThat(snapshot.contractVersion()).isEqualTo("1.2.0");
        var served =
                new MeshDirectory(layout).find(ProductId.parse("shop.sales"), 1).orElseThrow();
        assertThat(served.snapshot()).isEqualTo(snapshot);
        assertThat(served.dataFile()).startsWith(layout.outputPort(sales.id(), 1));
        assertThat(served.contractYaml()).contains("id: shop.sales");
        assertThat(served.descriptor().owner()).isEqualTo("shop-team");
        assertThat(area.queryLong("SELECT sum(amount * 10)::BIGINT FROM read_parquet('" + served.dataFile() + "')"))
                .isEqualTo(675);
    }

    @Test
    void aReportsPortPublishesItsFilesBesideItsDataAndReadersFindThemByName() throws Exception {
        var report = DataProduct.fromClasspath(
                "mesh/shop/products/sales_report", getClass().getClassLoader());
        sql("CREATE TABLE model.sales_report_files AS SELECT * FROM (VALUES"
                + " ('report.html', 'text/html', encode('<h1>Sales</h1>')),"
                + " ('report.pdf', 'application/pdf', encode('%PDF-1.7 fixture'))) t(name, media_type, content)");
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 3);

        var snapshot = publisher.publish(area, report).get(0);

        assertThat(snapshot.artifacts())
                .extracting(Snapshot.Artifact::name, Snapshot.Artifact::mediaType, Snapshot.Artifact::bytes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("report.html", "text/html", 14L),
                        org.assertj.core.groups.Tuple.tuple("report.pdf", "application/pdf", 16L));
        var served = new MeshDirectory(layout).find(report.id(), 1).orElseThrow();
        assertThat(served.snapshot()).isEqualTo(snapshot);
        assertThat(Files.readString(served.artifactFile("report.html").orElseThrow()))
                .isEqualTo("<h1>Sales</h1>");
        assertThat(snapshot.artifact("report.pdf").orElseThrow().sha256())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest("%PDF-1.7 fixture".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(served.artifactFile("other.pdf")).isEmpty();
        assertThat(area.queryLong("SELECT count(*) FROM read_parquet('" + served.dataFile() + "')"))
                .isEqualTo(10);
    }

    @Test
    void aReportWithoutFilesOrWithAFileNameThatIsAPathIsRefusedAndTheLastGoodOneStays() {
        var report = DataProduct.fromClasspath(
                "mesh/shop/products/sales_report", getClass().getClassLoader());
        sql("CREATE TABLE model.sales_report_files AS SELECT 'report.pdf' AS name, 'application/pdf' AS media_type,"
                + " encode('good') AS content");
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 3);
        var good = publisher.publish(area, report).get(0);

        sql("DELETE FROM model.sales_report_files");
        clock.advanceSeconds(60);
        assertThatThrownBy(() -> publisher.publish(area, report))
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("model.sales_report_files")
                .hasMessageContaining("there are none: a report is published with its files");

        sql("INSERT INTO model.sales_report_files VALUES ('../../escape.pdf', 'application/pdf', encode('bad'))");
        clock.advanceSeconds(60);
        assertThatThrownBy(() -> publisher.publish(area, report))
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("'../../escape.pdf' is not a plain file name");

        var served = new MeshDirectory(layout).latest(report.id()).orElseThrow();
        assertThat(served.snapshot()).isEqualTo(good);
        assertThat(served.refusals()).hasSize(2).allSatisfy(refusal -> assertThat(refusal.audits())
                .anySatisfy(audit -> assertThat(audit.gate()).isEqualTo(OutputPortPublisher.ARTIFACTS_GATE)));
        assertThat(Files.exists(layout.outputPort(report.id(), 1).resolve("escape.pdf")))
                .isFalse();
        assertThat(Files.exists(layout.meshDir().resolve("escape.pdf"))).isFalse();
        assertThat(noStagingLeftBehind(report.id())).isTrue();
    }

    @Test
    void aSnapshotWithoutAFileItsPortListsIsRefused() {
        var port = new ProductDescriptor.OutputPort(
                "sales_report",
                "parquet",
                "sales_report.odcs.yaml",
                "model.sales",
                ProductForm.MODEL,
                "model.sales_report_files",
                List.of("model.onnx", "model-card.json"));
        var report = DataProduct.fromClasspath(
                "mesh/shop/products/sales_report", getClass().getClassLoader());
        var model = new DataProduct(
                report.descriptor(),
                report.descriptorYaml(),
                List.of(new DataProduct.Port(port, report.ports().get(0).contractYaml(), "1.0.0")));
        sql("CREATE TABLE model.sales_report_files AS SELECT 'model.onnx' AS name, 'application/octet-stream' AS"
                + " media_type, encode('weights') AS content");
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 3);

        assertThatThrownBy(() -> publisher.publish(area, model))
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("there is no model-card.json, which the port's descriptor lists among the files"
                        + " every snapshot publishes (custom property files)");

        sql("INSERT INTO model.sales_report_files VALUES ('model-card.json', 'application/json', encode('{}'))");
        assertThat(publisher.publish(area, model).get(0).artifacts()).hasSize(2);
    }

    @Test
    void aDatasetListsNoFiles() {
        assertThatThrownBy(() -> new ProductDescriptor.OutputPort(
                        "orders",
                        "parquet",
                        "x.odcs.yaml",
                        "model.orders",
                        ProductForm.DATASET,
                        null,
                        List.of("orders.pdf")))
                .hasMessageContaining("is a dataset and lists files [orders.pdf]: only a report or a model");
    }

    @Test
    void aPortOfAReportOrAModelMustNameTheRelationOfItsFiles() {
        assertThatThrownBy(() -> new ProductDescriptor.OutputPort(
                        "delivery_time", "parquet", "x.odcs.yaml", "model.eval", ProductForm.MODEL, null))
                .hasMessageContaining("is a model and needs the relation of its files: the custom property artifacts");
    }

    @Test
    void readersListingTheMeshWhilePublishesSwapAndPruneSnapshotsNeverFail() throws Exception {
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 1);
        publisher.publish(area, sales);
        var directory = new MeshDirectory(layout);
        var failures = new java.util.concurrent.ConcurrentLinkedQueue<Throwable>();
        var listings = new java.util.concurrent.atomic.AtomicInteger();
        var publishing = new java.util.concurrent.atomic.AtomicBoolean(true);
        var reader = new Thread(() -> {
            while (publishing.get()) {
                try {
                    assertThat(directory.ports()).singleElement().satisfies(port -> assertThat(port.product())
                            .isEqualTo(sales.id()));
                    listings.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20; i++) {
            clock.advanceSeconds(1);
            publisher.publish(area, sales);
        }
        publishing.set(false);
        reader.join();
        assertThat(failures).isEmpty();
        assertThat(listings.get()).isPositive();
    }

    @Test
    void aRefusedSnapshotLeavesTheLastGoodOneServed() {
        var refuse = new AtomicReference<String>();
        PublishGate gate = staged -> refuse.get() == null
                ? new PublishGate.Audit("test", false, "fine", "{}")
                : new PublishGate.Audit("test", true, refuse.get(), "{}");
        var publisher = new OutputPortPublisher(layout, clock, List.of(gate), 3);
        var good = publisher.publish(area, sales).get(0);

        sql("INSERT INTO model.sales VALUES (DATE '2027-01-01', -1)");
        refuse.set("amount must not be negative");
        clock.advanceSeconds(60);

        assertThatThrownBy(() -> publisher.publish(area, sales))
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("negative");
        var served = new MeshDirectory(layout).latest(sales.id()).orElseThrow();
        assertThat(served.snapshot()).isEqualTo(good);
        assertThat(area.queryLong("SELECT count(*) FROM read_parquet('" + served.dataFile() + "')"))
                .isEqualTo(10);
        assertThat(noStagingLeftBehind()).isTrue();
    }

    @Test
    void aServedPortReadsBackItsAuditsAndTheRefusalSinceItWasPublished() {
        var refuse = new AtomicReference<String>();
        PublishGate gate = staged -> refuse.get() == null
                ? new PublishGate.Audit("test", false, "fine", "{\"checked\":1}")
                : new PublishGate.Audit("test", true, refuse.get(), "{}");
        var publisher = new OutputPortPublisher(layout, clock, List.of(gate), 3);
        publisher.publish(area, sales);
        var served = new MeshDirectory(layout).latest(sales.id()).orElseThrow();

        assertThat(served.audits()).containsExactly(new PublishGate.Audit("test", false, "fine", "{\"checked\":1}"));
        assertThat(served.lastRefusal()).isEmpty();

        refuse.set("not today");
        clock.advanceSeconds(60);
        assertThatThrownBy(() -> publisher.publish(area, sales)).isInstanceOf(PublishRefusedException.class);

        var refusal = new MeshDirectory(layout)
                .latest(sales.id())
                .orElseThrow()
                .lastRefusal()
                .orElseThrow();
        assertThat(refusal.snapshotId()).isEqualTo("20261121T100100000Z");
        assertThat(refusal.audits()).containsExactly(new PublishGate.Audit("test", true, "not today", "{}"));

        refuse.set(null);
        clock.advanceSeconds(60);
        publisher.publish(area, sales);
        assertThat(new MeshDirectory(layout).latest(sales.id()).orElseThrow().lastRefusal())
                .as("a refusal older than the served snapshot is history, not status")
                .isEmpty();
    }

    @Test
    void theContractGateRefusesDataThatBreaksTheContractAndKeepsTheLastGoodSnapshot() throws Exception {
        var publisher = new OutputPortPublisher(layout, clock, List.of(new ContractGate(clock)), 3);
        var good = publisher.publish(area, sales).get(0);

        sql("INSERT INTO model.sales VALUES (DATE '2027-01-01', -1)");
        clock.advanceSeconds(60);

        assertThatThrownBy(() -> publisher.publish(area, sales))
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("keeps serving its last good snapshot")
                .hasMessageContaining("amount");
        var served = new MeshDirectory(layout).latest(sales.id()).orElseThrow();
        assertThat(served.snapshot()).isEqualTo(good);
        assertThat(area.queryLong("SELECT min(amount) FROM read_parquet('" + served.dataFile() + "')"))
                .isZero();
        try (var refused = Files.list(layout.outputPort(sales.id(), 1).resolve("refused"))) {
            var report = Files.readString(refused.findFirst().orElseThrow());
            assertThat(report).contains("\"blocks\":true").contains("amount");
        }
        assertThat(Files.readString(served.snapshotDir().resolve("_audits.json")))
                .contains("\"gate\":\"contract\"")
                .contains("\"blocks\":false");
    }

    @Test
    void productsPublishedTogetherBecomeCurrentTogetherOrNotAtAll() {
        var totals = DataProduct.fromClasspath(
                "mesh/shop/products/totals", getClass().getClassLoader());
        sql("CREATE VIEW model.totals AS SELECT sum(amount) AS total FROM model.sales");
        var refuse = new AtomicReference<String>();
        PublishGate gate = staged -> staged.product().id().equals(totals.id()) && refuse.get() != null
                ? new PublishGate.Audit("test", true, refuse.get(), "{}")
                : new PublishGate.Audit("test", false, "fine", "{}");
        var publisher = new OutputPortPublisher(layout, clock, List.of(gate), 3);
        var good = publisher.publishTogether(area, List.of(sales, totals));
        assertThat(good).extracting(Snapshot::product).containsExactly("shop.sales", "shop.totals");
        assertThat(good)
                .as("the snapshots of one publish share their id")
                .extracting(Snapshot::id)
                .containsOnly("20261121T100000000Z");

        sql("INSERT INTO model.sales VALUES (DATE '2027-01-01', 1000)");
        refuse.set("the total is off");
        clock.advanceSeconds(60);

        assertThatThrownBy(() -> publisher.publishTogether(area, List.of(sales, totals)))
                .isInstanceOf(PublishRefusedException.class)
                .hasMessageContaining("Refused to publish shop.totals v1")
                .hasMessageContaining("the total is off")
                .hasMessageContaining("Held back with it")
                .hasMessageContaining("shop.sales v1");
        var mesh = new MeshDirectory(layout);
        var servedSales = mesh.latest(sales.id()).orElseThrow();
        assertThat(servedSales.snapshot()).as("passed its gates, yet held back").isEqualTo(good.get(0));
        assertThat(area.queryLong("SELECT count(*) FROM read_parquet('" + servedSales.dataFile() + "')"))
                .isEqualTo(10);
        assertThat(mesh.latest(totals.id()).orElseThrow().snapshot()).isEqualTo(good.get(1));
        assertThat(servedSales.lastRefusal().orElseThrow().audits())
                .filteredOn(PublishGate.Audit::blocks)
                .singleElement()
                .satisfies(audit -> {
                    assertThat(audit.gate()).isEqualTo(OutputPortPublisher.TOGETHER_GATE);
                    assertThat(audit.summary()).contains("shop.totals v1").contains("was refused");
                });
        assertThat(mesh.latest(totals.id())
                        .orElseThrow()
                        .lastRefusal()
                        .orElseThrow()
                        .audits())
                .containsExactly(new PublishGate.Audit("test", true, "the total is off", "{}"));
        assertThat(noStagingLeftBehind()).isTrue();

        refuse.set(null);
        clock.advanceSeconds(60);
        var next = publisher.publishTogether(area, List.of(sales, totals));
        assertThat(next).extracting(Snapshot::id).containsOnly("20261121T100200000Z");
        assertThat(mesh.latest(sales.id()).orElseThrow().snapshot()).isEqualTo(next.get(0));
        assertThat(mesh.latest(totals.id()).orElseThrow().snapshot()).isEqualTo(next.get(1));
    }

    @Test
    void aPointerThatCannotBeReplacedPutsBackThePointersAlreadyReplaced() throws Exception {
        var totals = DataProduct.fromClasspath(
                "mesh/shop/products/totals", getClass().getClassLoader());
        sql("CREATE VIEW model.totals AS SELECT sum(amount) AS total FROM model.sales");
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 3);
        var good = publisher.publish(area, sales).get(0);
        // a folder, not empty, where the pointer of shop.totals would be: the move onto it fails
        Files.createDirectories(
                layout.outputPort(totals.id(), 1).resolve("current.json").resolve("in-the-way"));
        clock.advanceSeconds(60);

        assertThatThrownBy(() -> publisher.publishTogether(area, List.of(sales, totals)))
                .hasMessageContaining("Cannot publish shop.sales, shop.totals");

        var served = new MeshDirectory(layout).latest(sales.id()).orElseThrow();
        assertThat(served.snapshot()).isEqualTo(good);
        assertThat(served.history())
                .as("no snapshot that was never served is kept")
                .extracting(PublishedPort::snapshot)
                .containsExactly(good);
    }

    @Test
    void aFailingRelationLeavesTheLastGoodOneServed() {
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 3);
        var good = publisher.publish(area, sales).get(0);

        sql("DROP TABLE model.sales");
        clock.advanceSeconds(60);

        assertThatThrownBy(() -> publisher.publish(area, sales)).hasMessageContaining("model.sales");
        assertThat(new MeshDirectory(layout).latest(sales.id()).orElseThrow().snapshot())
                .isEqualTo(good);
        assertThat(noStagingLeftBehind()).isTrue();
    }

    @Test
    void keepsOnlyTheNewestSnapshots() throws Exception {
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 2);
        for (int run = 0; run < 4; run++) {
            publisher.publish(area, sales);
            clock.advanceSeconds(1);
        }
        try (var dirs = Files.list(layout.outputPort(sales.id(), 1).resolve("snapshots"))) {
            assertThat(dirs.map(dir -> dir.getFileName().toString()))
                    .containsExactlyInAnyOrder("20261121T100002000Z", "20261121T100003000Z");
        }
    }

    @Test
    void twoPublishesInTheSameMillisecondGetDistinctSnapshots() {
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 5);
        var first = publisher.publish(area, sales).get(0);
        var second = publisher.publish(area, sales).get(0);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(new MeshDirectory(layout).latest(sales.id()).orElseThrow().snapshot())
                .isEqualTo(second);
    }

    @Test
    void aDomainCannotPublishAnotherDomainsProductAndItsRefusalStaysInItsOwnFolder() throws Exception {
        var good = new OutputPortPublisher(layout, clock, List.of(), 3)
                .publish(area, sales)
                .get(0);
        try (var billing = DomainArea.open(layout, "billing")) {
            billing.withConnection(connection -> connection
                    .createStatement()
                    .execute("CREATE TABLE model.sales AS SELECT DATE '2026-11-21' AS day, 1.0 AS amount"));
            var gateSaw = new ArrayList<String>();
            PublishGate gate = staged -> {
                gateSaw.add(
                        staged.publisher() + " publishes " + staged.product().id());
                return new PublishGate.Audit("test", false, "fine", "{}");
            };
            var publisher = new OutputPortPublisher(layout, clock, List.of(gate), 3);
            assertThatThrownBy(() -> publisher.publish(billing, sales))
                    .isInstanceOf(PublishRefusedException.class)
                    .hasMessageContaining("billing cannot publish shop.sales")
                    .hasMessageContaining("billing.sales keeps serving its last good snapshot");

            assertThat(gateSaw).as("the gates still judge it").containsExactly("billing publishes shop.sales");
        }
        var mesh = new MeshDirectory(layout);
        assertThat(mesh.latest(sales.id()).orElseThrow().snapshot()).isEqualTo(good);
        assertThat(mesh.latest(sales.id()).orElseThrow().refusals()).isEmpty();
        var refused = layout.outputPort(ProductId.parse("billing.sales"), 1).resolve("refused");
        assertThat(refused).isDirectory();
        try (var files = Files.list(refused)) {
            String audits = Files.readString(files.findFirst().orElseThrow());
            assertThat(audits).contains("\"gate\":\"storage\"").contains("Give it an id of billing");
        }
        assertThat(Files.exists(
                        layout.outputPort(ProductId.parse("billing.sales"), 1).resolve("current.json")))
                .isFalse();
    }

    @Test
    void keepsOnlyTheNewestRefusalsOfAProductThatIsRefusedAgainAndAgain() throws Exception {
        var publisher = new OutputPortPublisher(layout, clock, List.of(), 3);
        publisher.publish(area, sales);
        var why = new PublishGate.Audit("access", true, "not granted", "{}");
        int attempts = OutputPortPublisher.REFUSALS_KEPT + 5;
        for (int i = 0; i < attempts; i++) {
            clock.advanceSeconds(1);
            publisher.refuse(area, sales, why);
        }

        var refusals =
                new MeshDirectory(layout).latest(sales.id()).orElseThrow().refusals();
        assertThat(refusals).hasSize(OutputPortPublisher.REFUSALS_KEPT);
        try (var files = Files.list(layout.outputPort(sales.id(), 1).resolve("refused"))) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted().toList())
                    .as("the newest are kept")
                    .first()
                    .isEqualTo("20261121T100006000Z.json");
        }
    }

    private boolean noStagingLeftBehind() {
        return noStagingLeftBehind(sales.id());
    }

    private boolean noStagingLeftBehind(ProductId product) {
        try (var entries = Files.list(layout.outputPort(product, 1))) {
            return entries.noneMatch(path -> path.getFileName().toString().startsWith(".staging"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) {
        area.withConnection(connection -> connection.createStatement().execute(statement));
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
