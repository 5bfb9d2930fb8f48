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
    }

    @Test
    void anUnknownRunnerIsRefusedWithTheOnesThereAre() {
        assertThatThrownBy(() -> CleaningRunner.parse("spark"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'spark'")
                .hasMessageContaining("flink:<host:port>");
    }
}
