package dev.meshshop.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.governance.junit.GovernanceAssertions;
import dev.meshshop.platform.catalog.Catalog;
import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishRefusedException;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.Snapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy has a fixture product under {@code mesh/shop/products/} that breaks it and nothing else, and each
 * enforcement point reacts to it: the build kit fails naming the policy, the product, the field and the fix; the
 * publish is refused (or, for a warning, let through) and the last good snapshot stays served; the catalog shows
 * the policy's status. The fixture {@code compliant} passes everywhere.
 */
class PolicyFixturesTests {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final ClassLoader LOADER = PolicyFixturesTests.class.getClassLoader();

    /**
     * The grants the fixtures' domain, shop, holds: every product but {@code billing.refunds}, which the fixture
     * {@code ungranted-input-port} reads.
     */
    static final AccessCheck GRANTS = (consumer, product) -> product.equals(ProductId.parse("billing.refunds"))
            ? Optional.of("billing has not granted " + product + " to " + consumer + "; request it")
            : Optional.empty();

    /** What the publish step does with a product that breaks the policy. */
    enum AtPublish {
        /** The governance gate refuses the snapshot. */
        REFUSED,
        /** The governance gate lets it through with a warning. */
        WARNED
    }

    /**
     * @param fix the fix the finding gives, when the rule gives its own; otherwise null for the policy's fix
     */
    record Fixture(String name, String policy, String field, AtPublish atPublish, String fix) {

        Fixture(String name, String policy, String field, AtPublish atPublish) {
            this(name, policy, field, atPublish, null);
        }

        String folder() {
            return "mesh/shop/products/" + name;
        }

        @Override
        public String toString() {
            return name + " breaks " + policy;
        }
    }

    static Stream<Fixture> violations() {
        return Stream.of(
                new Fixture(
                        "not-odps",
                        "odps-descriptors",
                        "outputPorts[0].format",
                        AtPublish.REFUSED,
                        "write the port's format as type, such as type: parquet"),
                new Fixture("csv-output-port", "parquet-output-ports", "outputPorts[0].type", AtPublish.REFUSED),
                new Fixture("foreign-product-id", "product-id-naming", "id", AtPublish.REFUSED),
                new Fixture("camel-case-topic", "topic-naming", "topics", AtPublish.REFUSED),
                new Fixture("four-part-version", "semantic-versions", "version", AtPublish.REFUSED),
                new Fixture("breaking-change", "breaking-change-needs-major", "sales.region", AtPublish.REFUSED),
                new Fixture("no-owner", "owner-team", "team.name", AtPublish.REFUSED),
                new Fixture("no-description", "product-description", "description.purpose", AtPublish.REFUSED),
                new Fixture("no-purpose", "contract-purpose", "description.purpose", AtPublish.REFUSED),
                new Fixture("undescribed-property", "property-descriptions", "sales.amount", AtPublish.REFUSED),
                new Fixture("no-support", "support-channel", "support", AtPublish.WARNED),
                new Fixture(
                        "model-reads-files",
                        "models-read-own-area",
                        "mesh/shop/products/model-reads-files/model.sql",
                        AtPublish.REFUSED),
                new Fixture("unpinned-input-port", "input-ports-pin-major", "inputPorts[0].version", AtPublish.REFUSED),
                new Fixture(
                        "ungranted-input-port", "read-through-granted-input-ports", "inputPorts[0]", AtPublish.REFUSED),
                new Fixture(
                        "undeclared-external-read",
                        "read-through-granted-input-ports",
                        "mesh/shop/products/undeclared-external-read/model.sql",
                        AtPublish.REFUSED),
                new Fixture(
                        "unclassified-email", "personal-data-classified", "sales.customer_email", AtPublish.REFUSED),
                new Fixture("email-in-clear", "no-personal-data-in-clear", "customer_email", AtPublish.REFUSED),
                new Fixture(
                        "report-without-sources",
                        "reports-and-models-name-their-sources",
                        "inputPorts",
                        AtPublish.REFUSED),
                new Fixture("model-without-card", "models-have-a-card", "outputPorts[0].files", AtPublish.REFUSED));
    }

    @TempDir
    Path dataDir;

    MeshLayout layout;
    DomainArea area;

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
    void everyPolicyHasAFixtureThatBreaksIt() {
        assertThat(violations().map(Fixture::policy).distinct())
                .containsExactlyInAnyOrderElementsOf(
                        Policies.standard().all().stream().map(Policy::id).toList());
    }

    @Test
    void theCompliantFixturePassesTheBuildThePublishAndShowsEveryPolicyPassedInTheCatalog() {
        var compliant = new Fixture("compliant", "", "", AtPublish.REFUSED);

        assertThatCode(() -> GovernanceAssertions.assertComplies(withData(compliant)))
                .doesNotThrowAnyException();

        var snapshot = publish(compliant, T0);
        var policies = governanceReport(Catalog.PolicyStatus::served);
        assertThat(snapshot.rowCount()).isEqualTo(10);
        assertThat(policies.path("blocks").asBoolean()).isFalse();
        assertThat(policies.path("policies")).hasSize(Policies.standard().all().size());
        assertThat(policies.path("policies").findValuesAsText("status")).containsOnly("passed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void theBuildKitFailsNamingThePolicyTheProductTheFieldAndTheFix(Fixture fixture) {
        var product = withData(fixture);
        var policy = policy(fixture.policy());

        assertThatThrownBy(() -> GovernanceAssertions.assertComplies(product))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(fixture.policy() + " on " + product.id() + ", field " + fixture.field() + ": ")
                .hasMessageContaining(
                        "Fix: " + (fixture.fix() == null ? policy.fix().strip() : fixture.fix()));
        var findings = Policies.standard().evaluate(product).findings();
        assertThat(findings)
                .as("the fixture breaks only the policy it is named for")
                .extracting(Finding::policy)
                .containsOnly(fixture.policy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void thePublishReactsAndTheCatalogShowsThePolicyStatus(Fixture fixture) {
        var good = publish(new Fixture("compliant", "", "", AtPublish.REFUSED), T0);

        switch (fixture.atPublish()) {
            case REFUSED -> {
                assertThatThrownBy(() -> publish(fixture, T0.plusSeconds(60)))
                        .isInstanceOf(PublishRefusedException.class)
                        .hasMessageContaining("keeps serving its last good snapshot")
                        .hasMessageContaining(fixture.policy());
                assertThat(served().snapshot()).isEqualTo(good);
                var refused = governanceReport(status -> status.lastRefused().audits());
                assertThat(statusOf(refused, fixture.policy())).isEqualTo("failed");
            }
            case WARNED -> {
                var published = publish(fixture, T0.plusSeconds(60));
                assertThat(served().snapshot()).isEqualTo(published);
                assertThat(statusOf(governanceReport(Catalog.PolicyStatus::served), fixture.policy()))
                        .isEqualTo("warning");
            }
        }
    }

    private GovernedProduct withData(Fixture fixture) {
        var product = GovernedProduct.fromClasspath(fixture.folder(), sources(fixture), LOADER);
        var port = product.port("sales").orElseThrow();
        port = port.withPreviousContract(DomainSources.read("mesh/shop/products/compliant/sales.odcs.yaml", LOADER));
        Path data = dataDir.resolve(fixture.name() + ".parquet");
        createSales(fixture);
        area.withConnection(connection ->
                connection.createStatement().execute("COPY model.sales TO '" + data + "' (FORMAT parquet)"));
        return product.with(port.withData(data)).withGrants(GRANTS);
    }

    private Snapshot publish(Fixture fixture, Instant at) {
        var product = DataProduct.fromClasspath(fixture.folder(), LOADER);
        createSales(fixture);
        var gate =
                new GovernanceGate(Policies.standard(), new MeshDirectory(layout), domain -> sources(fixture), GRANTS);
        return new OutputPortPublisher(layout, Clock.fixed(at, ZoneOffset.UTC), List.of(gate), 3)
                .publish(area, product)
                .get(0);
    }

    /** The fixture's data, model and topics where it has its own, else the compliant product's. */
    private static DomainSources sources(Fixture fixture) {
        String model = resource(fixture, "model.sql").orElse("mesh/shop/models/sales.sql");
        var topics = resource(fixture, "topics.txt")
                .map(file -> DomainSources.read(file, LOADER).lines().toList())
                .orElse(List.of("shop.sale-recorded.v1"));
        return DomainSources.fromClasspath(List.of(model), topics, LOADER);
    }

    private void createSales(Fixture fixture) {
        String sql = DomainSources.read(
                resource(fixture, "data.sql").orElse("mesh/shop/products/compliant/data.sql"), LOADER);
        area.withConnection(connection -> connection.createStatement().execute(sql));
    }

    private static Optional<String> resource(Fixture fixture, String file) {
        String path = fixture.folder() + "/" + file;
        return LOADER.getResource(path) == null ? Optional.empty() : Optional.of(path);
    }

    private PublishedPort served() {
        return new MeshDirectory(layout).latest(ProductId.parse("shop.sales")).orElseThrow();
    }

    /** The governance gate's report as the catalog's product detail shows it. */
    private JsonNode governanceReport(Function<Catalog.PolicyStatus, List<Catalog.GateAudit>> audits) {
        var detail = new Catalog(new MeshDirectory(layout))
                .product(ProductId.parse("shop.sales"))
                .orElseThrow();
        return audits.apply(detail.policies()).stream()
                .filter(audit -> audit.gate().equals(GovernanceGate.NAME))
                .findFirst()
                .orElseThrow()
                .report();
    }

    private static String statusOf(JsonNode report, String policy) {
        for (JsonNode outcome : report.path("policies")) {
            if (outcome.path("id").asText().equals(policy)) {
                return outcome.path("status").asText();
            }
        }
        throw new AssertionError("The report has no policy " + policy + ": " + report);
    }

    private static Policy policy(String id) {
        return Policies.standard().all().stream()
                .filter(policy -> policy.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
