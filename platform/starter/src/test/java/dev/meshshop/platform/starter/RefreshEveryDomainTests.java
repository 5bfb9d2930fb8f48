package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round of refreshes over the whole mesh, as a fill runs it: producers first, and a domain whose refresh fails
 * keeps its last products while the others go on.
 */
class RefreshEveryDomainTests {

    @TempDir
    Path dataDir;

    MeshLayout layout;
    final List<DomainArea> areas = new ArrayList<>();

    @BeforeEach
    void layout() {
        layout = new MeshLayout(dataDir);
    }

    @AfterEach
    void closeAreas() {
        areas.forEach(DomainArea::close);
    }

    @Test
    void aDomainWhoseRefreshFailsKeepsItsLastProductsAndTheOthersArePublished() {
        var shop = shop();
        var report = report("mesh/report/models/broken.sql");
        var mesh = new MeshRuntime(List.of(report, shop), Duration.ZERO, DomainRuntimeTests.AT_ONCE);
        var heard = new ArrayList<String>();

        var refreshed = mesh.refreshEveryDomain(done -> heard.add(done.domain()));

        assertThat(heard).containsExactly("shop");
        assertThat(refreshed.reports()).containsOnlyKeys("shop");
        assertThat(refreshed.failures()).containsOnlyKeys("report");
        assertThat(refreshed.failures().get("report")).contains("mesh/report/models/broken.sql");
        var directory = new MeshDirectory(layout);
        assertThat(directory.latest(ProductId.parse("shop.sales"))).isPresent();
        assertThat(directory.latest(ProductId.parse("report.daily"))).isEmpty();
        assertThat(mesh.domain("report").lastFailure()).contains("broken.sql");
    }

    @Test
    void producersRefreshFirstSoThatTheirConsumersReadWhatTheyJustPublished() {
        var mesh = new MeshRuntime(
                List.of(report("mesh/report/models/daily.sql"), shop()), Duration.ZERO, DomainRuntimeTests.AT_ONCE);
        var heard = new ArrayList<String>();

        var refreshed = mesh.refreshEveryDomain(done -> heard.add(done.domain()));

        assertThat(heard).containsExactly("shop", "report");
        assertThat(refreshed.failures()).isEmpty();
        assertThat(refreshed.reports().get("report").snapshots())
                .singleElement()
                .satisfies(snapshot -> assertThat(snapshot.rowCount()).isOne());
    }

    private DomainRuntime shop() {
        var area = open("shop");
        area.withConnection(connection -> connection
                .createStatement()
                .execute("INSERT INTO raw.events VALUES ('shop.item-sold.v1', 0, 0, NULL, 'e-0', 'ItemSold', 1,"
                        + " TIMESTAMP '2026-05-01 10:00:00', json_object('data', '{\"sku\":\"a\",\"quantity\":2}'::JSON)"
                        + "::VARCHAR, now()::TIMESTAMP)"));
        var domain = new MeshDomain(
                "shop",
                "shop-team",
                List.of(DomainRuntimeTests.ITEM_SOLD),
                DomainRuntimeTests.CLEANING,
                List.of("mesh/shop/models/sales.sql"),
                List.of("mesh/shop/products/sales"));
        return TestRuntimes.of(domain, layout, area, TestRuntimes.idleIngestor(domain, area), List.of(), List.of());
    }

    private DomainRuntime report(String model) {
        var domain = MeshDomain.withoutEvents(
                "report", "report-team", List.of(model), List.of("mesh/report/products/daily"));
        return TestRuntimes.of(domain, layout, open("report"), null, List.of(), List.of());
    }

    private DomainArea open(String domain) {
        var area = DomainArea.open(layout, domain);
        areas.add(area);
        return area;
    }
}
