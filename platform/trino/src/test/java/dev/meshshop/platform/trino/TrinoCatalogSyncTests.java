package dev.meshshop.platform.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.PublishedOrders;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the platform tells Trino, checked without a Trino: the views it serves, where the snapshot tables lie, the
 * columns it declares from the published Parquet file, and the access rules it writes from the grants. The
 * scale profile's compose test and TrinoQuestionsIT run the same against a real Trino.
 */
class TrinoCatalogSyncTests {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    MeshLayout layout;
    AccessRequests access;

    @BeforeEach
    void publishOrders() {
        layout = new MeshLayout(dataDir);
        PublishedOrders.publish(layout);
        access = PublishedOrders.access(layout);
    }

    @Test
    void aProductIsServedUnderItsNameAndItsMajorVersionFromItsSnapshotsDataFolder() {
        var problems = new ArrayList<String>();
        var port = new MeshDirectory(layout).ports().get(0);

        var views = TrinoCatalogSync.views(List.of(port), Clock.systemUTC().instant(), problems);

        assertThat(views)
                .extracting(TrinoCatalogSync.View::schema, TrinoCatalogSync.View::name)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("checkout", "orders"),
                        org.assertj.core.groups.Tuple.tuple("checkout", "orders_v1"));
        assertThat(problems).isEmpty();
        assertThat(TrinoCatalogSync.snapshotTable(port))
                .startsWith("checkout__orders__v1__")
                .matches("[a-z0-9_]+");
        var sync = sync("local:///");
        assertThat(sync.location(port))
                .isEqualTo("local:///mesh/checkout/orders/v1/snapshots/"
                        + port.snapshot().id() + "/data");
        assertThat(port.dataFile().getParent().getFileName()).hasToString("data");
        try (var files = Files.list(port.dataFile().getParent())) {
            assertThat(files)
                    .as("Trino reads every file of the folder: the data alone is there")
                    .hasSize(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theColumnsAreDeclaredAsThePublishedFileHasThemAndAnUnreadableTypeIsNamed() throws Exception {
        Path file = dataDir.resolve("types.parquet");
        try (var duckdb = DriverManager.getConnection("jdbc:duckdb:");
                var statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT 'a' AS v, 1::INTEGER AS i, 2::BIGINT AS b, 1.5::DOUBLE AS d,"
                    + " 12.50::DECIMAL(18,2) AS m, true AS f, DATE '2025-01-01' AS day,"
                    + " TIMESTAMP '2025-01-01 10:00:00.123456' AS at, ['x', 'y'] AS tags) TO '" + file
                    + "' (FORMAT parquet)");
        }
        Path odd = dataDir.resolve("odd.parquet");
        try (var duckdb = DriverManager.getConnection("jdbc:duckdb:");
                var statement = duckdb.createStatement()) {
            statement.execute("COPY (SELECT {'a': 1} AS nested) TO '" + odd + "' (FORMAT parquet)");
        }

        assertThat(TrinoTypes.columns(file))
                .extracting(TrinoTypes.Column::name, TrinoTypes.Column::trinoType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("v", "varchar"),
                        org.assertj.core.groups.Tuple.tuple("i", "integer"),
                        org.assertj.core.groups.Tuple.tuple("b", "bigint"),
                        org.assertj.core.groups.Tuple.tuple("d", "double"),
                        org.assertj.core.groups.Tuple.tuple("m", "decimal(18,2)"),
                        org.assertj.core.groups.Tuple.tuple("f", "boolean"),
                        org.assertj.core.groups.Tuple.tuple("day", "date"),
                        org.assertj.core.groups.Tuple.tuple("at", "timestamp(6)"),
                        org.assertj.core.groups.Tuple.tuple("tags", "array(varchar)"));
        assertThatThrownBy(() -> TrinoTypes.columns(odd))
                .isInstanceOf(TrinoTypes.UnsupportedColumn.class)
                .hasMessageContaining("column nested")
                .hasMessageContaining("STRUCT");
    }

    @Test
    void theRulesFollowTheGrantsAndHideRestrictedColumnsEvenWhileTrinoIsAway() throws IOException {
        var sync = sync("local:///");

        var first = sync.sync();
        var beforeGrant = tableRules(sync.rulesFile());

        var request = access.request("customer360", "customer360", "checkout.orders", "know the customers");
        access.approve(request.id(), "checkout", "for the customer view");
        var second = sync.sync();
        var afterGrant = tableRules(sync.rulesFile());
        var third = sync.sync();

        assertThat(first.problems())
                .anySatisfy(problem -> assertThat(problem).contains("could not be brought up to date"));
        assertThat(first.rulesChanged()).isTrue();
        assertThat(beforeGrant)
                .as("the owner reads its product whole under both names; nobody else reads anything")
                .containsOnlyKeys("platform", "checkout:checkout.orders", "checkout:checkout.orders_v1")
                .containsEntry("checkout:checkout.orders", List.of());
        assertThat(second.rulesChanged()).isTrue();
        assertThat(afterGrant)
                .containsEntry("customer360:checkout.orders", List.of("customer_phone"))
                .containsEntry("customer360:checkout.orders_v1", List.of("customer_phone"));
        assertThat(third.rulesChanged())
                .as("unchanged grants leave the file alone")
                .isFalse();
        JsonNode rules = JSON.readTree(sync.rulesFile().toFile());
        assertThat(rules.path("catalogs").get(0).path("user").asText()).isEqualTo("platform");
        assertThat(rules.path("catalogs").get(1).path("user").asText()).isEqualTo("checkout|customer360");
        assertThat(rules.path("catalogs").get(1).path("allow").asText()).isEqualTo("read-only");
    }

    @Test
    void withoutAnAddressTheSyncSaysWhatToSet() {
        assertThatThrownBy(() -> new TrinoCatalogSync(
                        layout, access, Clock.systemUTC(), new TrinoSettings(null, null, null, null, null, null, null)))
                .hasMessageContaining("mesh.trino.url");
        assertThatThrownBy(() -> new TrinoSettings("jdbc:trino://x:1", null, null, null, null, Duration.ZERO, null))
                .hasMessageContaining("mesh.trino.interval");
    }

    private TrinoCatalogSync sync(String dataLocation) {
        // nothing listens on port 9: a round writes the rules, then reports Trino as unreachable
        return new TrinoCatalogSync(
                layout,
                access,
                Clock.systemUTC(),
                new TrinoSettings(
                        "jdbc:trino://127.0.0.1:9", null, null, dataLocation, null, null, Duration.ofSeconds(5)));
    }

    /** The table rules of a rules file: {@code consumer:schema.table} to the columns denied, and the platform's. */
    private static Map<String, List<String>> tableRules(Path file) throws IOException {
        var rules = new TreeMap<String, List<String>>();
        for (JsonNode rule : JSON.readTree(file.toFile()).path("tables")) {
            if (!rule.has("schema")) {
                rules.put(rule.path("user").asText(), List.of());
                continue;
            }
            var denied = new ArrayList<String>();
            rule.path("columns")
                    .forEach(column -> denied.add(column.path("name").asText()));
            rules.put(
                    rule.path("user").asText() + ":" + rule.path("schema").asText() + "."
                            + rule.path("table").asText(),
                    denied);
        }
        return rules;
    }
}
