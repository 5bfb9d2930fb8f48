package dev.meshshop.platform.pipelines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration of the in-process Flink cluster. Flink's defaults for a local cluster give its sorter
 * 128 MiB of managed memory, so grouping a million events by id spills to disk; the mesh gives it more.
 * Written once per JVM to a temporary folder, because Flink reads its configuration from a folder.
 */
final class LocalFlinkConfig {

    static final String CONFIG =
            """
            # Written by Mesh Shop for Flink running inside the mesh's JVM.
            taskmanager.memory.managed.size: 768m
            taskmanager.memory.network.min: 128m
            taskmanager.memory.network.max: 128m
            """;

    private static Path directory;

    private LocalFlinkConfig() {}

    static synchronized Path directory() {
        if (directory == null) {
            try {
                Path dir = Files.createTempDirectory("mesh-flink-conf");
                Files.writeString(dir.resolve("flink-conf.yaml"), CONFIG);
                dir.toFile().deleteOnExit();
                dir.resolve("flink-conf.yaml").toFile().deleteOnExit();
                directory = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the local Flink configuration", e);
            }
        }
        return directory;
    }
}
