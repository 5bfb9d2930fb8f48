package dev.meshshop.platform.metabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.StandInProducts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database Metabase reads the mesh through, run in DuckDB as the Metabase DuckDB driver runs it: its init SQL
 * in a new in-memory instance, then queries against the views.
 */
class MeshDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void itsViewsReadTheCurrentSnapshotAndFollowTheNextOneWithoutBeingCreatedAgain() throws SQLException {
        var layout = new MeshLayout(dataDir);
        publishSales(layout, "('2025-01-01', 'a', 2), ('2025-01-02', 'b', 3)");
        var database = MeshDatabase.over(new MeshDirectory(layout), dataDir);

        try (var metabase = DriverManager.getConnection("jdbc:duckdb:")) {
            metabase.createStatement().execute(database.initSql());
            assertThat(units(metabase)).isEqualTo(5);

            publishSales(layout, "('2025-01-03', 'c', 7)");

            assertThat(units(metabase)).isEqualTo(7);
        }
        assertThat(database.views()).containsExactly("shop.sales");
        assertThat(database.request().details().databaseFile()).isEqualTo(":memory:");
        assertThat(database.request().details().oldImplicitCasting()).isFalse();
    }

    @Test
    void theViewsUseThePathsMetabaseSeesNotTheProvisionersOwn() {
        var layout = new MeshLayout(dataDir);
        publishSales(layout, "('2025-01-01', 'a', 2)");

        var database = MeshDatabase.over(new MeshDirectory(layout), Path.of("/mesh-data"));

        assertThat(database.initSql())
                .contains("read_parquet('/mesh-data/mesh/shop/sales/v1/snapshots/**/*.parquet', filename = true)")
                .contains("read_json('/mesh-data/mesh/shop/sales/v1/current.json')")
                .doesNotContain(dataDir.toString());
    }

    @Test
    void withNothingPublishedThereIsNoDatabaseToProvision() {
        assertThatThrownBy(() -> MeshDatabase.over(new MeshDirectory(new MeshLayout(dataDir)), dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No product is published yet");
    }

    private static void publishSales(MeshLayout layout, String rows) {
        StandInProducts.publish(layout, "stand-ins/shop/sales", connection -> {
            connection
                    .createStatement()
                    .execute("CREATE OR REPLACE TABLE model.sales AS SELECT day::DATE AS day, sku, units::INTEGER AS"
                            + " units FROM (VALUES " + rows + ") AS t(day, sku, units)");
            return null;
        });
    }

    private static long units(Connection metabase) throws SQLException {
        try (var result = metabase.createStatement().executeQuery("SELECT sum(units) FROM shop.sales")) {
            result.next();
            return result.getLong(1);
        }
    }
}
