package dev.meshshop.apps.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.testcontainers.utility.DockerImageName;

/**
 * The images the Docker tests run, when the build prepares them in the background. {@code .ci/run} starts the
 * preparation (stand-ins of the public base images on machines that reach no registry, then the project's own
 * image) beside the first modules' tests and names, in {@value #READY}, the file it writes its exit code to when it
 * ends. The Docker tests wait for that file before their first container. Without the variable (a developer's
 * engine, images pulled as usual) they start at once.
 */
final class DockerImages {

    /** The environment variable naming the file the preparation writes its exit code to. */
    static final String READY = "MESH_DOCKER_IMAGES_READY";

    /** The longest the tests wait for the preparation: it takes minutes on two cores. */
    static final Duration WAIT = Duration.ofMinutes(30);

    private DockerImages() {}

    /** The image of this name, once the build has prepared the images. */
    static DockerImageName prepared(String name) {
        awaitPrepared();
        return DockerImageName.parse(name);
    }

    /** Returns once the build has prepared the images, at once where it prepares none. */
    static synchronized void awaitPrepared() {
        String file = System.getenv(READY);
        if (file != null && !file.isBlank()) {
            await(Path.of(file), WAIT, Duration.ofSeconds(1));
        }
    }

    /**
     * Waits until {@code exitCode} exists, then fails unless it holds 0.
     *
     * @throws IllegalStateException naming the preparation's log when it failed or did not end within {@code wait}
     */
    static void await(Path exitCode, Duration wait, Duration poll) {
        Path log = exitCode.resolveSibling("log");
        long deadline = System.nanoTime() + wait.toNanos();
        if (!Files.exists(exitCode)) {
            System.out.printf("[docker] waiting for the images the build prepares in the background (log: %s)%n", log);
        }
        long start = System.nanoTime();
        while (!Files.exists(exitCode)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Docker images were not prepared within " + wait.toMinutes()
                        + " min; see the preparation's log, " + log);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the Docker images", e);
            }
        }
        String code;
        try {
            code = Files.readString(exitCode).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!code.equals("0")) {
            throw new IllegalStateException("Preparing the Docker images failed (exit code " + code
                    + "): the Docker tests cannot run. See the preparation's log, " + log);
        }
        long waited = (System.nanoTime() - start) / 1_000_000_000L;
        if (waited > 0) {
            System.out.printf("[docker] the images are prepared; waited %d s%n", waited);
        }
    }
}
