package dev.meshshop.apps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the freshness benchmarks as docs/BENCHMARKS.md documents them, {@code --incremental-batches} and
 * {@code --live-rate} on {@code java -jar bench/target/mesh-bench.jar}, at a tiny scale, as a separate JVM from the
 * packaged jar. It runs in {@code verify}, after the jar is packaged.
 */
class FreshnessCommandIT {

    /** A row of the batch table: batch, events sent, raw records cleaned. */
    private static final Pattern BATCH_ROW =
            Pattern.compile("^\\| (\\d+) \\| ([0-9,]+) \\| ([0-9,]+) \\|", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void theIncrementalCommandSendsBatchesAndCleansOnlyWhatTheyBrought() throws Exception {
        String printed = run("--incremental-batches=2", "--batch-size=200");

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
    void theLiveCommandTradesIntoTheRunningMeshAndMeasuresFreshness() throws Exception {
        String printed = run("--live-rate=100", "--live-seconds=15");

        assertThat(printed)
                .containsPattern(
                        "Live: 100 events/s asked for 15 s into the running mesh \\(scale 0\\.002\\); [1-9][0-9,]* events"
                                + " acknowledged")
                .contains(", 0 failed")
                .containsPattern("\\| checkout\\.orders \\| [1-9][0-9]* \\| [0-9.]+ \\| [0-9.]+ \\|")
                .containsPattern("\\| \\*\\*every product\\*\\* \\| \\| [0-9.]+ \\| [0-9.]+ \\|")
                .contains("Mean ingest lag while trading");
    }

    private String run(String... options) throws Exception {
        Path jar = Path.of("target", "mesh-bench.jar");
        assertThat(jar)
                .as("the packaged benchmark; build it with ./mvnw -pl bench -am package")
                .exists();
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--scale=0.002",
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
        String printed = read(output);
        assertThat(finished)
                .as("the benchmark finished within 8 minutes; it printed:%n%s", printed)
                .isTrue();
        assertThat(process.exitValue())
                .as("its exit code; it printed:%n%s", printed)
                .isZero();
        return printed;
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }
}
