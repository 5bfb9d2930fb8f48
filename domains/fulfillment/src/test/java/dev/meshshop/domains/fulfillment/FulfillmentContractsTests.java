package dev.meshshop.domains.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.domains.fulfillment.erp.ArticleCatalogue;
import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.domains.fulfillment.simulator.ArticleLives;
import dev.meshshop.domains.fulfillment.simulator.FulfillmentSimulator;
import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.check.ContractTestReport;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.contracts.model.DataContract;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.operational.EntityChange;
import dev.meshshop.platform.operational.EntityChangeEvents;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.MeshDomain;
import dev.meshshop.platform.storage.ContractGate;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.InputPorts;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.SqlModels;
import dev.meshshop.platform.testkit.CleanZoneOfEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fulfillment's contracts, as the build sees them: each is valid ODCS and matches its descriptor; the products
 * the SQL models build from a year of clean events fulfil them and are published through the contract gate; and
 * data with the faults that cleaning exists to remove breaks them, so a fault that slipped through would never be
 * published.
 */
class FulfillmentContractsTests {

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/fulfillment/products");
    static final long SEED = 1124;
    static final double SCALE = 0.01;
    static final Clock AS_OF = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final ContractTester TESTER = ContractTester.create().withClock(AS_OF);

    final MeshDomain fulfillment = new FulfillmentDomain().fulfillment();
    final ClassLoader loader = getClass().getClassLoader();

    @TempDir
    Path dataDir;

    MeshLayout layout;
    DomainArea area;

    @BeforeEach
    void modelAYearOfCleanEvents() {
        layout = new MeshLayout(dataDir);
        CheckoutOrdersStandIn.publish(layout, SimulatedShop.year(SEED, SCALE).orders());
        area = DomainArea.open(layout, FulfillmentDomain.NAME);
        var records = new ArrayList<SimulatedRecord>();
        new FulfillmentSimulator(SEED, SCALE, Faults.NONE, 0).records().forEachRemaining(records::add);
        records.addAll(capturedArticleChanges(SimulatedShop.year(SEED, SCALE)));
        CleanZoneOfEvents.load(area, dataDir, records.iterator(), FulfillmentCleaning.TABLES);
        var inputPorts = fulfillment.products().stream()
                .flatMap(folder -> DataProduct.fromClasspath(folder, loader).descriptor().inputPorts().stream())
                .distinct()
                .toList();
        InputPorts.attach(area, new MeshDirectory(layout), inputPorts);
        runModels();
    }

    @AfterEach
    void closeArea() {
        area.close();
    }

    @Test
    void everyProductOfFulfillmentHasAValidContract() {
        assertThat(fulfillment.products()).hasSize(7);
        for (String folder : fulfillment.products()) {
            var product = DataProduct.fromClasspath(folder, loader);
            assertThat(product.id().domain()).isEqualTo(FulfillmentDomain.NAME);
            for (var port : product.ports()) {
                var contract = ContractAssertions.assertValidContract(
                        PRODUCTS.resolve(product.id().name())
                                .resolve(port.outputPort().contract()));
                assertThat(contract.id()).isEqualTo(product.id().toString());
                assertThat(contract.version()).isEqualTo(port.contractVersion());
            }
        }
        // and what fulfillment relies on of checkout.orders is a valid contract too
        ContractAssertions.assertValidContract(
                Path.of("src/test/resources/stand-ins/checkout/orders/orders.odcs.yaml"));
    }

    @Test
    void theProductsOfAYearFulfilTheirContractsAndPassTheContractGate() throws SQLException {
        var publisher = new OutputPortPublisher(layout, Clock.systemUTC(), List.of(new ContractGate(AS_OF)), 1);
        var mesh = new MeshDirectory(layout);
        for (String folder : fulfillment.products()) {
            var product = DataProduct.fromClasspath(folder, loader);
            if (product.waitsFor(mesh)) {
                // scored by a step with the data science team's model, which this test has not: ProductFormsTests
                // publishes it in the whole mesh
                continue;
            }
            publisher.publish(area, product); // refused, with the failing checks, if the gate blocks

            var published = mesh.find(product.id(), 1).orElseThrow();
            var report = TESTER.testParquet(
                    published.dataFile().toString(), contract(product.id().name()));
            assertThat(report.blocks()).as(report::toText).isFalse();
            assertThat(published.snapshot().rowCount()).isPositive();
        }
    }

    @Test
    void aNegativeStockLevelThatSlipsThroughBreaksBothInventoryContracts() throws SQLException {
        // a scanner's negative reading, had cleaning let it through: the latest reading of its article
        execute(
                """
                INSERT INTO clean.inventory_updated
                SELECT 'misread', occurred_at + INTERVAL 1 SECOND, sku, location, -7, 'sale', sequence + 1000000
                FROM clean.inventory_updated ORDER BY occurred_at DESC LIMIT 1""");
        runModels();

        for (String product : List.of("inventory_history", "inventory_latest")) {
            assertThat(failedChecks(product))
                    .containsExactly("logicalTypeOptions.minimum on " + product + ".available");
        }
    }

    @Test
    void aParcelReportedDispatchedTwiceBreaksTheShipmentsContract() throws SQLException {
        // the same dispatch sent again under a new event id, which deduplication cannot recognise
        execute(
                """
                INSERT INTO clean.shipment_dispatched
                SELECT 'sent-again', occurred_at + INTERVAL 1 MINUTE, shipment_id, order_id, location, carrier,
                       shipping_option, promised_by
                FROM clean.shipment_dispatched ORDER BY occurred_at LIMIT 1""");
        runModels();

        assertThat(failedChecks("shipments"))
                .containsExactlyInAnyOrder("unique on shipments.shipment_id", "primaryKey on shipments");
    }

    @Test
    void aDeliveredParcelWithoutAnOnTimeVerdictBreaksTheShipmentsContract() throws SQLException {
        execute("UPDATE model.shipments SET on_time = NULL WHERE status = 'delivered'");

        assertThat(failedChecks("shipments")).containsExactly("sql on shipments");
    }

    private void execute(String sql) {
        area.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    private void runModels() {
        SqlModels.fromClasspath(fulfillment.models(), loader).run(area);
    }

    /** The checks of the product's contract that the model's data fails, as {@code check on element}. */
    private List<String> failedChecks(String product) throws SQLException {
        ContractTestReport report = area.withConnection(
                connection -> TESTER.test(connection, "model." + product, contract(product), product));
        assertThat(report.blocks()).isTrue();
        return report.failures().stream()
                .map(failure -> failure.check() + " on " + failure.element())
                .toList();
    }

    private static DataContract contract(String product) {
        try {
            return DataContracts.load(PRODUCTS.resolve(product).resolve(product + ".odcs.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ERP's article changes as the platform's change capture puts them on the topic (a row's columns, the price
     * as text), without a database: ErpCapturePathTests runs the real capture.
     */
    static List<SimulatedRecord> capturedArticleChanges(ShopYear year) {
        var events = new EntityChangeEvents(new EventCodec());
        var records = new ArrayList<SimulatedRecord>();
        long sequence = 0;
        for (var change : new ArticleLives(year).changes()) {
            var state = new LinkedHashMap<String, Object>();
            state.put("id", change.sku());
            state.put("category", change.category());
            state.put("price", change.price().toPlainString());
            state.put("status", change.status());
            state.put("changed_at", change.at().toString());
            var operation =
                    switch (change.kind()) {
                        case LISTED -> EntityChange.Operation.CREATED;
                        case REPRICED, DELISTED -> EntityChange.Operation.UPDATED;
                        case DELETED -> EntityChange.Operation.DELETED;
                    };
            sequence++;
            var entityChange = new EntityChange(
                    ArticleCatalogue.TABLE, change.sku(), operation, state, change.at(), "test:" + sequence, sequence);
            records.add(new SimulatedRecord(
                    FulfillmentEvents.ARTICLE_CHANGED.topic(),
                    change.sku(),
                    events.encode(FulfillmentEvents.ARTICLE_CHANGED, entityChange)));
        }
        return records;
    }
}
