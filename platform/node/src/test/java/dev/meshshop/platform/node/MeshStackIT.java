package dev.meshshop.platform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.platform.metabase.DashboardDefinition;
import dev.meshshop.platform.metabase.DashboardDefinitions;
import dev.meshshop.platform.metabase.MetabaseApi;
import dev.meshshop.platform.metabase.MetabaseClient;
import dev.meshshop.platform.metabase.MetabaseConnection;
import dev.meshshop.platform.metabase.MetabaseProvisioner;
import dev.meshshop.platform.storage.ProductId;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker-compose.yml as `docker compose up --build` runs it, with the images built from this repository: every
 * product appears in the catalog, and every domain's dashboards in Metabase. It needs Docker with Compose v2 and
 * takes minutes (the first build downloads Maven's dependencies into the image). Its twin without Docker is
 * {@link MeshStackTests}. The catalog's and Metabase's ports on the host are left to Docker, so that a stack of
 * your own may keep running; Kafka's host port ({@code KAFKA_PORT} in .env) must be free.
 */
@Testcontainers(disabledWithoutDocker = true)
class MeshStackIT {

    static final Duration STARTUP = Duration.ofMinutes(20);

    @Container
    static final ComposeContainer stack = new ComposeContainer(
                    ComposeProject.ROOT.file().toFile())
            .withLocalCompose(true)
            .withBuild(true)
            .withPull(false)
            .withEnv(Map.of("CATALOG_PORT", "0", "METABASE_PORT", "0"))
            .withExposedService(
                    "catalog", 8080, Wait.forHttp("/actuator/health/readiness").withStartupTimeout(STARTUP))
            .withExposedService("metabase", 3000, Wait.forHttp("/api/health").withStartupTimeout(STARTUP));

    @Test
    void productsAppearInTheCatalogAndEveryDomainsDashboardsInMetabase() {
        var expected =
                DomainsOnClasspath.products().stream().map(ProductId::toString).toList();
        var catalog = RestClient.create(url("catalog", 8080).toString());
        await().atMost(STARTUP).pollInterval(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        catalog.get().uri("/api/products").retrieve().body(ProductSummary[].class))
                .extracting(ProductSummary::id)
                .containsExactlyInAnyOrderElementsOf(expected));

        var env = ComposeProject.ROOT.env();
        var admin = MetabaseConnection.asAdmin(
                url("metabase", 3000), env.get("METABASE_ADMIN_EMAIL"), env.get("METABASE_ADMIN_PASSWORD"));
        var dashboards = DashboardDefinitions.onClasspath(getClass().getClassLoader());
        await().atMost(STARTUP)
                .pollInterval(Duration.ofSeconds(10))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    var metabase = MetabaseClient.to(admin).signIn();
                    for (var domain : dashboards.stream()
                            .map(DashboardDefinition::domain)
                            .distinct()
                            .toList()) {
                        assertThat(dashboardsIn(metabase, domain))
                                .containsExactlyInAnyOrderElementsOf(dashboards.stream()
                                        .filter(dashboard -> dashboard.domain().equals(domain))
                                        .map(DashboardDefinition::name)
                                        .toList());
                    }
                });
    }

    /** The part of the catalog's answer this test reads. */
    record ProductSummary(String id) {}

    private static URI url(String service, int port) {
        return URI.create("http://" + stack.getServiceHost(service, port) + ":" + stack.getServicePort(service, port));
    }

    private static List<String> dashboardsIn(MetabaseClient metabase, String domain) {
        var collections = metabase.collections();
        int root = collections.stream()
                .filter(collection -> collection.name().equals(MetabaseProvisioner.COLLECTION) && collection.topLevel())
                .findFirst()
                .orElseThrow()
                .numericId();
        int own = collections.stream()
                .filter(collection -> collection.name().equals(domain) && collection.inside(root))
                .findFirst()
                .orElseThrow()
                .numericId();
        var names = new ArrayList<String>();
        metabase.items(own).stream()
                .filter(item -> item.model().equals("dashboard"))
                .map(MetabaseApi.CollectionItem::name)
                .forEach(names::add);
        return names;
    }
}
