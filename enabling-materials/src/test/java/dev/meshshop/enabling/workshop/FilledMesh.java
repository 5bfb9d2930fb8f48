package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.enabling.labsql.ResultTable;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.MeshViews;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * The lab mesh once the launcher has filled it (every domain refreshed once, as the console's "Mesh Shop is ready"
 * says), and where labs run their SQL: in a domain's area, as the lab's SQL tool does with the mesh stopped, or over
 * the published products by name, as the query service does. A bean of the lab mesh ({@link LabMesh}); every method
 * waits for the fill first.
 */
final class FilledMesh {

    private final MeshRuntime mesh;
    private final MeshLayout layout;
    private volatile boolean filled;

    FilledMesh(MeshRuntime mesh, MeshLayout layout) {
        this.mesh = mesh;
        this.layout = layout;
    }

    /** Waits until every domain has refreshed once; fails if a refresh failed. */
    void awaitFilled() {
        if (filled) {
            return;
        }
        await().atMost(Duration.ofMinutes(4)).until(() -> mesh.domains().stream()
                .allMatch(domain -> domain.lastRefresh() != null || domain.lastFailure() != null));
        assertThat(mesh.domains().stream().map(DomainRuntime::lastFailure).filter(Objects::nonNull))
                .as("refreshes that failed")
                .isEmpty();
        filled = true;
    }

    /** Runs {@code sql} where {@code lab} says its SQL runs. */
    ResultTable run(Lab lab, String sql) throws SQLException {
        String where = lab.sqlRunsIn();
        return where.equals("products") ? overProducts(sql) : inArea(where.substring("area ".length()), sql);
    }

    /** Runs {@code sql} in the private area of {@code domain}, as {@code lab-sql <domain>} does. */
    ResultTable inArea(String domain, String sql) {
        awaitFilled();
        return mesh.domain(domain).area().withConnection(connection -> ResultTable.query(connection, sql));
    }

    /**
     * Runs {@code sql} over the published products, named {@code <domain>.<product>} as the query service names
     * them. Until the query service is part of the launcher, storage's views stand in for it.
     */
    ResultTable overProducts(String sql) throws SQLException {
        awaitFilled();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            MeshViews.create(connection, new MeshDirectory(layout), product -> true);
            return ResultTable.query(connection, sql);
        }
    }

    MeshDirectory directory() {
        awaitFilled();
        return new MeshDirectory(layout);
    }
}
