package dev.meshshop.apps.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.meshshop.platform.starter.MeshDomain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked where there is no Docker engine: by {@link ComposeCheck}, and by docker compose's own
 * {@code config}, which validates the file against the Compose specification without an engine. A broken compose
 * file, a fixture, proves that both reject what they must.
 */
class ComposeFileTests {

    static final Path REACTOR = Path.of("../..").toAbsolutePath().normalize();
    static final Path FIXTURES = Path.of("src/test/resources/compose").toAbsolutePath();
    static final ComposeProject BROKEN =
            new ComposeProject(FIXTURES.resolve("broken/docker-compose.yml"), FIXTURES.resolve("broken/.env"));

    @Test
    void theRepositorysComposeFileHasNoProblems() {
        assertThat(new ComposeCheck(ComposeProject.ROOT, REACTOR).problems()).isEmpty();
    }

    @Test
    void aBrokenComposeFileIsRejectedForEveryMistakeInIt() {
        assertThat(new ComposeCheck(BROKEN, REACTOR).problems())
                .containsExactly(
                        "variable PROVISION_IMAGE is used but .env does not define it",
                        "service kafka: image apache/kafka:latest is not pinned through a variable of .env",
                        "service kafka: no healthcheck, so nothing can wait until it is ready",
                        "service shop: image mesh-shop/shop (SHOP_IMAGE) has no version tag, or the tag latest",
                        "service shop: no mem_limit",
                        "service shop: waits until kafka is healthy, but kafka has no healthcheck",
                        "service shop: depends on metabase with condition service_ready; use one of"
                                + " [service_healthy, service_completed_successfully]",
                        "service shop: volume shop-data is not declared under volumes",
                        "service shop: Dockerfile.unknown-module needs the build argument JRE_IMAGE, which build.args"
                                + " does not pass",
                        "service shop: its Dockerfile builds with the Maven wrapper, but the build context "
                                + FIXTURES.resolve("broken") + " is not the reactor's root",
                        "service shop: its Dockerfile builds module platform/nowhere, which the reactor's pom.xml"
                                + " does not list",
                        "service shop: MESH_DATA_DIR is /data, where no volume is mounted",
                        "service worker: depends_on lists services without a condition; it only waits until they"
                                + " started, not until they are ready",
                        "service worker: its Dockerfile builds with the Maven wrapper, but the build context "
                                + FIXTURES.resolve("broken") + " is not the reactor's root",
                        "service worker: its Dockerfile copies mesh-local.jar, but module apps/node builds"
                                + " mesh-node.jar",
                        "service provision: tells Metabase (metabase) the products are in /mesh-data, but metabase"
                                + " does not mount mesh-data there",
                        "volume unused is declared but no service mounts it");
    }

    @Test
    void everyDomainOnTheClasspathRunsAsAServiceOfItsOwnAndNoServiceNamesAnotherDomain() {
        var domains = DomainsOnClasspath.all().stream().map(MeshDomain::name).toList();
        assertThat(domains).as("the domains on this module's classpath").hasSizeGreaterThan(1);

        var services = ComposeProject.ROOT.compose();
        var run = new ArrayList<String>();
        ((Map<?, ?>) services.get("services")).forEach((name, service) -> {
            var environment = (Map<?, ?>) ((Map<?, ?>) service).get("environment");
            if (environment != null && environment.get("MESH_DOMAINS") != null) {
                assertThat(environment.get("MESH_DOMAINS"))
                        .as("service %s runs its own domain", name)
                        .isEqualTo(name);
                run.add((String) name);
            }
        });
        assertThat(run).containsExactlyInAnyOrderElementsOf(domains);
    }

    @Test
    void dockerComposeConfigAcceptsTheRepositorysFileAndRejectsTheBrokenOne() throws Exception {
        var compose = ComposeStack.composeCommand();
        if (compose.isEmpty()) {
            if (System.getenv("CI") != null) {
                fail("CI validates docker-compose.yml with `docker compose config` or `docker-compose config`, and"
                        + " neither is installed; .ci/run installs Debian's docker-compose package");
            }
            assumeTrue(false, "Neither `docker compose` nor `docker-compose` is installed here");
        }

        var repository = config(compose.get(), ComposeProject.ROOT);
        assertThat(repository.exit()).as(repository.output()).isZero();
        // the scale profile's file over it, as docs/BIGGER-THAN-ONE-MACHINE.md starts it
        var scale = config(compose.get(), ComposeProject.ROOT, MeshStackIT.SCALE);
        assertThat(scale.exit()).as(scale.output()).isZero();

        var broken = config(compose.get(), BROKEN);
        assertThat(broken.exit()).as(broken.output()).isNotZero();
        assertThat(broken.output()).contains("service_ready");
    }

    private record Run(int exit, String output) {}

    private static Run config(List<String> compose, ComposeProject project, Path... overrides)
            throws IOException, InterruptedException {
        var command = new ArrayList<>(compose);
        command.addAll(List.of(
                "--project-directory",
                project.directory().toString(),
                "--env-file",
                project.envFile().toString(),
                "-f",
                project.file().toString()));
        for (Path override : overrides) {
            command.addAll(List.of("-f", override.toString()));
        }
        command.addAll(List.of("config", "--quiet"));
        return run(command);
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, String.join(" ", command) + " did not finish within 60 s");
        }
        return new Run(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
