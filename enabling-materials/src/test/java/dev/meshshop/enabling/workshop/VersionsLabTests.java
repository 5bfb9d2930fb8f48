package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.enabling.labsql.ResultTable;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.ProductVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Extra 4 in the workshop's mesh: fulfillment.returns v2 published beside v1, customer360 warned on v1 and silent
 * once moved, and a late consumer refused with migration advice after the window, as the lab states.
 */
@LabMesh
class VersionsLabTests {

    static final Lab LAB = Lab.read("x-4-product-versions.md");

    static final ProductId RETURNS = ProductId.parse("fulfillment.returns");

    /** The day the v1 contract says it retires. */
    static final Instant WINDOW_ENDS = Instant.parse("2026-03-01T00:00:00Z");

    @Autowired
    FilledMesh mesh;

    @Autowired
    MeshRuntime runtime;

    @Test
    void theCatalogListsBothVersionsWithTheConsumerStillOnV1() {
        var answer = mesh.api()
                .send(new Curl(
                        "GET",
                        "/api/products/" + RETURNS,
                        Map.of(Curl.AUTHORIZATION, Curl.bearer("customer360")),
                        null));
        assertThat(answer.status()).isEqualTo(200);
        var rows = new ArrayList<List<String>>();
        for (var version : answer.json().path("versions")) {
            var consumers = new ArrayList<String>();
            version.path("consumers").forEach(consumer -> consumers.add(consumer.asText()));
            rows.add(List.of(
                    "v" + version.path("major").asInt(),
                    version.path("status").asText(),
                    version.path("retiresAt").isNull()
                            ? ""
                            : version.path("retiresAt").asText(),
                    String.join(", ", consumers)));
        }
        LAB.assertShows(
                "returns-versions", new ResultTable(List.of("major", "status", "retiresAt", "consumers"), rows));
    }

    @Test
    void customer360IsWarnedInItsRefreshAndNotOnceItMoved() {
        mesh.directory();
        var warnings = runtime.domain("customer360").lastRefresh().inputPortWarnings();
        LAB.assertShows(
                "customer360-warning",
                new ResultTable(
                        List.of("warning"), warnings.stream().map(List::of).toList()));

        var moved = List.of(new ProductDescriptor.InputPort(RETURNS.toString(), 2));
        assertThat(new ProductVersions(mesh.directory()).warnings("customer360", moved, ShopCalendar.AS_OF))
                .isEmpty();
    }

    @Test
    void afterTheWindowALateReaderIsRefusedWithMigrationAdvice() {
        var versions = new ProductVersions(mesh.directory());
        String refusal = null;
        try {
            versions.resolve(ProductId.parse("fulfillment.returns_v1"), WINDOW_ENDS);
        } catch (ProductVersions.VersionRetired retired) {
            refusal = retired.getMessage();
        }
        assertThat(refusal).as("v1 after its window").isNotNull();
        assertThat(versions.resolve(ProductId.parse("fulfillment.returns_v1"), ShopCalendar.AS_OF))
                .as("v1 within its window")
                .isPresent();
        LAB.assertShows("retired-v1", new ResultTable(List.of("detail"), List.of(List.of(refusal))));
    }
}
