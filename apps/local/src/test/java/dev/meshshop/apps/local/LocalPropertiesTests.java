package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalPropertiesTests {

    @Test
    void aLiveRateIsZeroOrAPositiveNumberOfEventsPerSecond() {
        assertThat(new LocalProperties(0.05, 42, 0).liveRate()).isZero();
        assertThat(new LocalProperties(0.05, 42, 200).liveRate()).isEqualTo(200);
        for (double wrong : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new LocalProperties(0.05, 42, wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mesh.local.live-rate")
                    .hasMessageContaining("was " + wrong);
        }
    }
}
