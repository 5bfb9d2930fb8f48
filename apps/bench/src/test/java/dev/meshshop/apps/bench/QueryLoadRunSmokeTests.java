package dev.meshshop.apps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The load run's command works: at a tiny scale, with a few clients for a few seconds, the embedded mesh answers
 * every query within the timeout, a query over its memory limit fails alone, and the run reports what it saw. The
 * figures of the full run are in docs/BENCHMARKS.md.
 */
class QueryLoadRunSmokeTests {

    @Test
    void aShortRunAtATinyScaleHolds() throws Exception {
        var result = QueryLoadRun.run(
                "--clients=4",
                "--seconds=4",
                "--scale=0.01",
                "--hog-every=7",
                "--baseline-seconds=2",
                "--mesh.query.memory-limit=128MB",
                "--mesh.refresh-interval=0s");
        System.out.println(result.report());

        assertThat(result.holds()).as(result.report()).isTrue();
        assertThat(result.ok()).as(result.report()).isGreaterThan(0);
        assertThat(result.hogsSent()).as(result.report()).isGreaterThan(0);
        assertThat(result.overMemory()).as(result.report()).isEqualTo(result.hogsSent());
        assertThat(result.answers())
                .isEqualTo(result.ok() + result.busy() + result.timedOut() + result.overMemory() + result.unexpected());
        assertThat(result.peakHeapMiB()).isPositive();
        assertThat(result.baseline().ok()).as(result.report()).isPositive();
        assertThat(result.report()).contains("| answers |", "Peak heap", "The run holds");
    }
}
