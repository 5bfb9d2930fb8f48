package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.access.AccessAutoConfiguration;
import dev.meshshop.platform.access.AccessRequest;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.AccessState;
import dev.meshshop.platform.access.StateChange;
import dev.meshshop.platform.identity.IdentityAutoConfiguration;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.StandInProducts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The platform files an access request for every input port a domain declares; with standing agreements on (the
 * default) the owner's team approves it at once, and with them off the consumer's refresh fails, saying it is not
 * granted, until the owner approves.
 */
class InputPortGrantsTests {

    static final ProductId SALES = ProductId.parse("shop.sales");

    @TempDir
    Path dataDir;

    ApplicationContextRunner mesh(String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        KafkaAutoConfiguration.class,
                        IdentityAutoConfiguration.class,
                        AccessAutoConfiguration.class,
                        MeshAutoConfiguration.class))
                .withBean(
                        MeshDomain.class,
                        () -> MeshDomain.withoutEvents(
                                "report",
                                "report-team",
                                List.of("mesh/report/models/daily.sql"),
                                List.of("mesh/report/products/daily")))
                .withPropertyValues("mesh.data-dir=" + dataDir, "mesh.refresh-interval=0s", "mesh.runner=direct")
                .withPropertyValues(properties);
    }

    @Test
    void aDeclaredInputPortIsApprovedAsTheOwnersStandingAgreement() {
        publishSales();
        mesh().run(context -> {
            var request = only(context.getBean(AccessRequests.class));
            assertThat(request.state()).isEqualTo(AccessState.APPROVED);
            assertThat(request.purpose()).isEqualTo("Input port of report.daily, declared in its descriptor");
            assertThat(request.history())
                    .extracting(StateChange::actor)
                    .containsExactly("report (declared input port)", "shop-team (standing agreement)");

            context.getBean(MeshRuntime.class).domain("report").refresh();

            assertThat(new MeshDirectory(new MeshLayout(dataDir)).latest(ProductId.parse("report.daily")))
                    .isPresent();
        });
    }

    @Test
    void withoutStandingAgreementsTheRefreshFailsUntilTheOwnerApproves() {
        publishSales();
        mesh("mesh.access.approve-declared-input-ports=false").run(context -> {
            var access = context.getBean(AccessRequests.class);
            var request = only(access);
            assertThat(request.state()).isEqualTo(AccessState.PENDING);
            var report = context.getBean(MeshRuntime.class).domain("report");

            assertThatThrownBy(report::refresh)
                    .hasMessageContaining("Domain report may not read an input port: report is not granted shop.sales:"
                            + " its request " + request.id() + " waits for shop-team to approve it");
            assertThat(report.lastFailure()).contains("not granted shop.sales");

            access.approve(request.id(), "shop", "report may read sales");
            assertThat(report.refresh().snapshots()).singleElement();
        });
    }

    @Test
    void whenTheOwnerRevokesTheGrantTheProductKeepsItsSnapshotAndTheCatalogShowsWhyItWasNotRefreshed() {
        publishSales();
        mesh().run(context -> {
            var access = context.getBean(AccessRequests.class);
            var report = context.getBean(MeshRuntime.class).domain("report");
            var published = report.refresh().snapshots().get(0);
            var request = only(access);

            access.revoke(request.id(), "shop", "sales figures are under audit");

            assertThatThrownBy(report::refresh).hasMessageContaining("not granted shop.sales");
            var daily = new MeshDirectory(new MeshLayout(dataDir))
                    .latest(ProductId.parse("report.daily"))
                    .orElseThrow();
            assertThat(daily.snapshot()).isEqualTo(published);
            var refusal = daily.lastRefusal().orElseThrow();
            assertThat(refusal.audits()).singleElement().satisfies(audit -> {
                assertThat(audit.gate()).isEqualTo(DomainRuntime.ACCESS_GATE);
                assertThat(audit.blocks()).isTrue();
                assertThat(audit.summary())
                        .startsWith("report.daily was not refreshed: ")
                        .contains("shop.sales");
                assertThat(audit.reportJson())
                        .contains("\"policy\":\"read-through-granted-input-ports\"")
                        .contains("\"product\":\"shop.sales\"");
            });
        });
    }

    private void publishSales() {
        StandInProducts.publish(new MeshLayout(dataDir), "mesh/shop/products/sales", connection -> {
            connection
                    .createStatement()
                    .execute("CREATE TABLE model.sales AS SELECT DATE '2026-01-01' AS day, 3 AS amount");
            return null;
        });
    }

    private static AccessRequest only(AccessRequests access) {
        var requests = access.list(SALES.toString(), "report", null);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
