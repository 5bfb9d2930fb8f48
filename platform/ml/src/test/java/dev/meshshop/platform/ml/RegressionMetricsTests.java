package dev.meshshop.platform.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTests {

    @Test
    void measuresTheMeanAbsoluteAndRootMeanSquaredError() {
        // Errors 1, 0 and 2.
        var metrics = RegressionMetrics.of(new double[] {1, 2, 3}, new double[] {2, 2, 5});

        assertThat(metrics.count()).isEqualTo(3);
        assertThat(metrics.meanAbsoluteError()).isCloseTo(1.0, within(1e-12));
        assertThat(metrics.rootMeanSquaredError()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-12));
    }

    @Test
    void measuresTheScoresOfTheOnnxScorerAlike() {
        assertThat(RegressionMetrics.of(new float[] {1, 2, 3}, new double[] {2, 2, 5}))
                .isEqualTo(RegressionMetrics.of(new double[] {1, 2, 3}, new double[] {2, 2, 5}));
    }

    @Test
    void refusesPairsThatDoNotMatchUp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegressionMetrics.of(new double[] {1, 2}, new double[] {1, 2, 3}))
                .withMessageContaining("2 predictions for 3 actual values");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegressionMetrics.of(new double[0], new double[0]))
                .withMessageContaining("nothing to measure");
    }

    @Test
    void refusesAPairWithoutANumber() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegressionMetrics.of(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .withMessageContaining("Pair 1 is (predicted NaN, actual 2.0)");
    }
}
