package dev.meshshop.apps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end benchmark's commands as docs/BENCHMARKS.md documents them, {@code java -jar
 * apps/bench/target/mesh-bench.jar}, at a tiny scale, as a separate JVM from the packaged jar: what a reader types must
 * fill and publish the mesh at the commit it is run at. The documented commands differ only in their options, and
 * the benchmark runs whatever options it is given one after the other in one filled mesh, so one run with every
 * option of every documented command (the fill's {@code --clean-rounds}, then {@code --incremental-batches} and
 * {@code --live-rate}) checks them all with one fill. It runs in {@code verify}, after the jar is packaged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchCommandsIT {

    /** A row of the batch table: batch, events sent, raw records cleaned. */
    private static final Pattern BATCH_ROW =
            Pattern.compile("^\\| (\\d+) \\| ([0-9,]+) \\| ([0-9,]+) \\|", Pattern.MULTILINE);

    String printed;

    @BeforeAll
    void runTheBenchmarkWithEveryDocumentedOption(@TempDir Path dir) throws Exception {
        printed = run(
                dir,
                "--scale=0.005",
                "--clean-rounds=1",
                "--incremental-batches=2",
                "--batch-size=200",
                "--live-rate=100",
                "--live-seconds=10",
                "--live-tail-seconds=10");
    }

    @Test
    void theFillIsMeasuredAgainstItsBaselineAndCleanedAgainInTheWarmJvm() {
        assertThat(printed)
                .as("the report of a filled mesh")
                .containsPattern("events, 17 products with [0-9,]+ rows published")
                .contains("**first event produced -> last product published**")
                .contains("Checkout's clean stage vs. baseline")
                .contains("The clean stage again, in the warm JVM");
    }

    @Test
    void theIncrementalBatchesCleanOnlyWhatTheyBrought() {
        assertThat(printed).contains("Incremental: 2 batches").contains("| **every product, every batch** |");
        var rows = BATCH_ROW.matcher(printed);
        int batches = 0;
        while (rows.find()) {
            long events = Long.parseLong(rows.group(2).replace(",", ""));
            long cleaned = Long.parseLong(rows.group(3).replace(",", ""));
            // the refreshes a batch sets off clean the raw records it brought, not the year before it
            assertThat(cleaned)
                    .as("raw records cleaned for batch %s", rows.group(1))
                    .isPositive()
                    .isLessThanOrEqualTo(events);
            batches++;
        }
        assertThat(batches).as("batch rows in:%n%s", printed).isEqualTo(2);
        assertThat(printed).containsPattern("\\| checkout\\.orders \\| 2 \\| [0-9.]+ \\| [0-9.]+ \\|");
    }

    @Test
    void theLiveCompanyTradesIntoTheRunningMeshAndItsFreshnessIsMeasured() {
        assertThat(printed)
                .containsPattern(
                        "Live: 100 events/s asked for 10 s into the running mesh \\(scale 0\\.005\\); [1-9][0-9,]* events"
                                + " acknowledged")
                .contains(", 0 failed")
                .containsPattern("\\| checkout\\.orders \\| [1-9][0-9]* \\| [0-9.]+ \\| [0-9.]+ \\|")
                .containsPattern("\\| \\*\\*every product\\*\\* \\| \\| [0-9.]+ \\| [0-9.]+ \\|")
                .contains("Mean ingest lag while trading");
    }

    private static String run(Path dir, String... options) throws Exception {
        Path jar = Path.of("target", "mesh-bench.jar");
        assertThat(jar)
                .as("the packaged benchmark; build it with ./mvnw -pl apps/bench -am package")
                .exists();
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--mesh.local.kafka-port=0",
                "--mesh.data-dir=" + dir.resolve("data")));
        command.addAll(List.of(options));
        Path output = dir.resolve("bench.out");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = process.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String out = Files.exists(output) ? Files.readString(output) : "";
        assertThat(finished)
                .as("the benchmark finished within 8 minutes; it printed:%n%s", out)
                .isTrue();
        assertThat(process.exitValue())
                .as("its exit code; it printed:%n%s", out)
                .isZero();
        return out;
    }
}
