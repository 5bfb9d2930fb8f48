package dev.meshshop.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A breaking change walked through from start to end (ADR 23): shop.sales renames {@code amount} to {@code revenue}
 * in v2, published beside v1; v1's contract deprecates it until 1 March 2026. A consumer on v1 is warned, then moves;
 * after the window v1 is no longer published and a consumer still pinned to it is refused with how to migrate.
 */
class ProductVersionsTests {

    static final Instant IN_THE_WINDOW = Instant.parse("2026-02-01T00:00:00Z");
    static final Instant WINDOW_ENDS = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    MeshLayout layout;
    MeshDirectory mesh;
    ProductVersions versions;
    DomainArea shop;
    DomainArea billing;
    OutputPortPublisher publisher;
    DataProduct before =
            DataProduct.fromClasspath("mesh/shop/products/sales", getClass().getClassLoader());
    DataProduct after =
            DataProduct.fromClasspath("mesh/shop/products/sales_v2", getClass().getClassLoader());

    @BeforeEach
    void publishV1ThenTheBreakingChange() {
        layout = new MeshLayout(dataDir);
        mesh = new MeshDirectory(layout);
        versions = new ProductVersions(mesh);
        shop = DomainArea.open(layout, "shop");
        billing = DomainArea.open(layout, "billing");
        publisher = new OutputPortPublisher(layout, Clock.systemUTC(), List.of(), 3);
        shop.withConnection(connection -> connection
                .createStatement()
                .execute("CREATE TABLE model.sales AS SELECT DATE '2026-01-01' + i::INTEGER AS day, i AS amount"
                        + " FROM range(5) t(i); CREATE VIEW model.sales_v2 AS SELECT day, amount AS revenue FROM"
                        + " model.sales"));
        publisher.publish(shop, before.servedAt(IN_THE_WINDOW));
        publisher.publish(shop, after.servedAt(IN_THE_WINDOW));
    }

    @AfterEach
    void closeAreas() {
        shop.close();
        billing.close();
    }

    @Test
    void aBreakingChangePublishesV2BesideV1AndBothAreRefreshedInTheWindow() {
        assertThat(mesh.ports()).extracting(PublishedPort::major).containsExactly(1, 2);
        assertThat(mesh.newestPorts()).containsOnlyKeys(ProductId.parse("shop.sales"));
        assertThat(mesh.newestPorts().get(ProductId.parse("shop.sales")).major())
                .isEqualTo(2);
        assertThat(MeshDirectory.newest(mesh.ports().stream()
                                .sorted(java.util.Comparator.comparingInt(PublishedPort::major)
                                        .reversed())
                                .toList())
                        .get(ProductId.parse("shop.sales"))
                        .major())
                .isEqualTo(2);
        assertThat(mesh.find(before.id(), 1).orElseThrow().snapshot().contractVersion())
                .isEqualTo("1.3.0");
        assertThat(after.servedAt(IN_THE_WINDOW).ports()).hasSize(2);
        assertThat(versions.resolve(ProductId.parse("shop.sales"), IN_THE_WINDOW))
                .get()
                .extracting(PublishedPort::major)
                .isEqualTo(2);
        assertThat(versions.resolve(ProductId.parse("shop.sales_v1"), IN_THE_WINDOW))
                .get()
                .extracting(PublishedPort::major)
                .isEqualTo(1);
        assertThat(versions.resolve(ProductId.parse("shop.sales_v3"), IN_THE_WINDOW))
                .isEmpty();
    }

    @Test
    void aConsumerOnV1IsWarnedWithWhatToPinAndWhichColumnsChanged() {
        var v1 = List.of(new ProductDescriptor.InputPort("shop.sales", 1));

        InputPorts.attach(billing, mesh, v1, AccessCheck.unchecked(), IN_THE_WINDOW);
        var warnings = versions.warnings("billing", v1, IN_THE_WINDOW);

        assertThat(billing.queryLong("SELECT sum(amount) FROM external.shop_sales"))
                .isEqualTo(10);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains(
                        "Input port shop.sales v1 of domain billing",
                        "deprecated and retires at 2026-03-01T00:00:00Z",
                        "version: v2",
                        "shop.sales_v2",
                        "sales.amount (property removed)",
                        "sales.revenue",
                        "amount is called revenue in v2.");
    }

    @Test
    void aConsumerThatMovedToV2ReadsTheNewColumnWithoutWarnings() {
        var v2 = List.of(new ProductDescriptor.InputPort("shop.sales", 2));

        InputPorts.attach(billing, mesh, v2, AccessCheck.unchecked(), IN_THE_WINDOW);

        assertThat(billing.queryLong("SELECT sum(revenue) FROM external.shop_sales"))
                .isEqualTo(10);
        assertThat(versions.warnings("billing", v2, IN_THE_WINDOW)).isEmpty();
    }

    @Test
    void afterTheWindowV1IsNoLongerPublishedAndALateConsumerIsRefusedWithMigrationAdvice() {
        String lastV1 = mesh.find(before.id(), 1).orElseThrow().snapshot().id();

        var served = after.servedAt(WINDOW_ENDS);
        publisher.publish(shop, served);

        assertThat(served.ports()).extracting(DataProduct.Port::major).containsExactly(2);
        assertThat(mesh.find(before.id(), 1).orElseThrow().snapshot().id()).isEqualTo(lastV1);
        assertThat(ProductVersions.stateAt(mesh.find(before.id(), 1).orElseThrow(), WINDOW_ENDS))
                .isEqualTo(ProductVersions.State.RETIRED);
        assertThatThrownBy(() -> InputPorts.attach(
                        billing,
                        mesh,
                        List.of(new ProductDescriptor.InputPort("shop.sales", 1)),
                        AccessCheck.unchecked(),
                        WINDOW_ENDS))
                .isInstanceOf(ProductVersions.VersionRetired.class)
                .hasMessageContaining("Input port shop.sales v1 of domain billing")
                .hasMessageContaining("shop.sales v1 is retired and no longer served")
                .hasMessageContaining("Move to v2")
                .hasMessageContaining("sales.amount (property removed)");
        assertThatThrownBy(() -> versions.resolve(ProductId.parse("shop.sales_v1"), WINDOW_ENDS))
                .isInstanceOf(ProductVersions.VersionRetired.class);
        InputPorts.attach(
                billing,
                mesh,
                List.of(new ProductDescriptor.InputPort("shop.sales", 2)),
                AccessCheck.unchecked(),
                WINDOW_ENDS);
    }

    @Test
    void aVersionWithoutADeprecationInItsContractStaysActive() {
        var v1 = mesh.find(before.id(), 1).orElseThrow();

        assertThat(ProductVersions.Lifecycle.of(before.ports().get(0).contractYaml())
                        .stateAt(WINDOW_ENDS.plusSeconds(86_400L * 365)))
                .isEqualTo(ProductVersions.State.ACTIVE);
        assertThat(ProductVersions.stateAt(v1, IN_THE_WINDOW)).isEqualTo(ProductVersions.State.DEPRECATED);
    }
}
