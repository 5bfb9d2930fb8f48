package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.enabling.labsql.LabSql;
import dev.meshshop.enabling.labsql.ResultTable;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.core.env.Environment;

/**
 * The lab mesh once the launcher has filled it (every domain refreshed once, as the console's "Mesh Shop is ready"
 * says), and where labs run their SQL: in a domain's area, as the lab's SQL tool does with the mesh stopped, or
 * through the mesh's query service as a domain, as a participant sends it from the query page or with curl. A bean
 * of the lab mesh ({@link LabMesh}); every method waits for the fill first.
 */
final class FilledMesh {

    private final MeshRuntime mesh;
    private final MeshLayout layout;
    private final Environment environment;
    private volatile boolean filled;
    private MeshApi api;

    FilledMesh(MeshRuntime mesh, MeshLayout layout, Environment environment) {
        this.mesh = mesh;
        this.layout = layout;
        this.environment = environment;
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

    /** Runs {@code sql} where {@code lab} says its SQL runs: in a domain's area, or through the query service. */
    ResultTable run(Lab lab, String sql) {
        var where = lab.sqlRunsIn();
        if (where.place() == Lab.Place.AREA) {
            return inArea(where.domain(), sql);
        }
        if (where.place() == Lab.Place.OPERATIONAL) {
            return operational(where.domain(), sql);
        }
        if (where.place() != Lab.Place.QUERY_SERVICE || where.grantedAsInLab32()) {
            throw new AssertionError(lab.file() + " needs a mesh other than the lab mesh as it starts: " + where);
        }
        return api().query(where.domain(), sql);
    }

    /** Runs {@code sql} in the private area of {@code domain}, as {@code lab-sql <domain>} does. */
    ResultTable inArea(String domain, String sql) {
        awaitFilled();
        return mesh.domain(domain).area().withConnection(connection -> ResultTable.query(connection, sql));
    }

    /**
     * Runs {@code sql} in the operational database {@code database} with the lab's SQL tool, as {@code lab-sql
     * --operational <database>} does while the mesh runs: the tool finds the running server as a participant's does.
     */
    ResultTable operational(String database, String sql) {
        return ResultTable.parse(labSql("--operational", database, sql));
    }

    /** What the lab's SQL tool prints for {@code arguments}, run on this mesh's data directory; fails if it fails. */
    String labSql(String... arguments) {
        var run = runLabSql(arguments);
        assertThat(run.exit())
                .as("lab-sql %s: %s", String.join(" ", arguments), run.err())
                .isZero();
        return run.out();
    }

    /** What the lab's SQL tool says when it refuses {@code arguments}; fails if it does not refuse them. */
    String labSqlFailure(String... arguments) {
        var run = runLabSql(arguments);
        assertThat(run.exit())
                .as("lab-sql %s printed:%n%s", String.join(" ", arguments), run.out())
                .isEqualTo(1);
        return run.err();
    }

    private record ToolRun(int exit, String out, String err) {}

    private ToolRun runLabSql(String... arguments) {
        awaitFilled();
        var args = new ArrayList<String>();
        args.add("--data-dir=" + layout.dataDir());
        args.addAll(List.of(arguments));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            int exit = LabSql.run(
                    args.toArray(String[]::new),
                    InputStream.nullInputStream(),
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new ToolRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP API of the filled mesh, the query service's included, as a participant calls it. */
    synchronized MeshApi api() {
        awaitFilled();
        if (api == null) {
            api = new MeshApi(environment.getRequiredProperty("local.server.port", Integer.class), layout.dataDir());
        }
        return api;
    }

    MeshDirectory directory() {
        awaitFilled();
        return new MeshDirectory(layout);
    }
}
