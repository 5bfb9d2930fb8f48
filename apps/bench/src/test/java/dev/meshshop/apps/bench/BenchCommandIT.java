package dev.meshshop.apps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the end-to-end benchmark as docs/BENCHMARKS.md documents it, {@code java -jar bench/target/mesh-bench.jar},
 * at a tiny scale, as a separate JVM from the packaged jar: the command a reader types must fill and publish the
 * mesh at the commit it is run at. It runs in {@code verify}, after the jar is packaged.
 */
class BenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void theDocumentedCommandFillsTheMeshAndReportsItsFigures() throws Exception {
        Path jar = Path.of("target", "mesh-bench.jar");
        assertThat(jar)
                .as("the packaged benchmark; build it with ./mvnw -pl bench -am package")
                .exists();
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--scale=0.005",
                "--clean-rounds=1",
                "--mesh.local.kafka-port=0",
                "--mesh.data-dir=" + dir.resolve("data")));
        Path output = dir.resolve("bench.out");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = read(output);

        assertThat(finished)
                .as("the benchmark finished within 5 minutes; it printed:%n%s", printed)
                .isTrue();
        assertThat(process.exitValue())
                .as("its exit code; it printed:%n%s", printed)
                .isZero();
        assertThat(printed)
                .as("the report of a filled mesh")
                .containsPattern("events, 10 products with [0-9,]+ rows published")
                .contains("**first event produced -> last product published**")
                .contains("Checkout's clean stage vs. baseline")
                .contains("The clean stage again, in the warm JVM");
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }
}
