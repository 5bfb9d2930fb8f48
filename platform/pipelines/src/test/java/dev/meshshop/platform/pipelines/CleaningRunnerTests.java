package dev.meshshop.platform.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.junit.jupiter.api.Test;

class CleaningRunnerTests {

    @Test
    void theDirectRunnerOfTheStepsTestsChecksTheStepsAndTheMeshsDoesNot() {
        var checked = CleaningRunner.direct().options("job").as(DirectOptions.class);
        assertThat(checked.getRunner()).isEqualTo(DirectRunner.class);
        assertThat(checked.isEnforceImmutability()).isTrue();
        assertThat(checked.isEnforceEncodability()).isTrue();

        var mesh = CleaningRunner.parse("direct");
        assertThat(mesh).isEqualTo(CleaningRunner.directWithoutChecks());
        var unchecked = mesh.options("job").as(DirectOptions.class);
        assertThat(unchecked.getRunner()).isEqualTo(DirectRunner.class);
        assertThat(unchecked.isEnforceImmutability()).isFalse();
        assertThat(unchecked.isEnforceEncodability()).isFalse();
    }

    @Test
    void flinkRunsInProcessOrOnTheClusterNamed() {
        var local = CleaningRunner.parse("flink").options("job").as(FlinkPipelineOptions.class);
        assertThat(local.getRunner()).isEqualTo(FlinkRunner.class);
        assertThat(local.getFlinkMaster()).isEqualTo("[local]");

        var cluster =
                CleaningRunner.parse("flink:jobmanager:8081").options("job").as(FlinkPipelineOptions.class);
        assertThat(cluster.getFlinkMaster()).isEqualTo("jobmanager:8081");
        assertThat(cluster.getParallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());

        var sized = CleaningRunner.parse("flink:jobmanager:8081?parallelism=4");
        assertThat(sized.flinkMaster()).isEqualTo("jobmanager:8081");
        assertThat(sized.options("job").as(FlinkPipelineOptions.class).getParallelism())
                .isEqualTo(4);
        assertThatThrownBy(() -> CleaningRunner.parse("flink:jobmanager:8081?parallelism=many"))
                .hasMessageContaining("such as ?parallelism=4");
        assertThatThrownBy(() -> CleaningRunner.parse("flink:")).hasMessageContaining("names no cluster");
    }

    @Test
    void aJobForAClusterShipsTheMeshsClassesAndNotTheLibrariesTheClusterHas() throws Exception {
        var cluster =
                CleaningRunner.parse("flink:jobmanager:8081").options("job").as(FlinkPipelineOptions.class);
        var staged =
                cluster.getFilesToStage().stream().map(java.nio.file.Path::of).toList();

        var pipelines = location(CleaningRunner.class);
        var beam = location(FlinkRunner.class);
        assertThat(staged).contains(pipelines).doesNotContain(beam);
        assertThat(staged)
                .allSatisfy(entry -> assertThat(ProjectJars.holdsTheMesh(entry)).isTrue());
        assertThat(CleaningRunner.parse("flink")
                        .options("job")
                        .as(FlinkPipelineOptions.class)
                        .getFilesToStage())
                .as("in process, nothing is shipped")
                .isNull();
    }

    @Test
    void theMeshsJarsAreFoundThroughAManifestsClassPathAsJavaDashJarFindsThem(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var lib = java.nio.file.Files.createDirectories(dir.resolve("lib"));
        jar(lib.resolve("mesh-events.jar"), null, "dev/meshshop/platform/events/Event.class");
        jar(lib.resolve("library.jar"), null, "org/example/Library.class");
        jar(dir.resolve("mesh-node.jar"), "lib/mesh-events.jar lib/library.jar", "dev/meshshop/apps/node/Node.class");

        assertThat(ProjectJars.of(dir.resolve("mesh-node.jar").toString()))
                .containsExactly(
                        dir.resolve("mesh-node.jar").toString(),
                        lib.resolve("mesh-events.jar").toString());
    }

    /** The class path entry {@code type} was loaded from. */
    private static java.nio.file.Path location(Class<?> type) throws Exception {
        return java.nio.file.Path.of(
                        type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toAbsolutePath()
                .normalize();
    }

    private static void jar(java.nio.file.Path file, String classPath, String entry) throws Exception {
        var manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classPath);
        }
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(file), manifest)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
    }

    @Test
    void anUnknownRunnerIsRefusedWithTheOnesThereAre() {
        assertThatThrownBy(() -> CleaningRunner.parse("spark"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'spark'")
                .hasMessageContaining("flink:<host:port>");
    }
}
