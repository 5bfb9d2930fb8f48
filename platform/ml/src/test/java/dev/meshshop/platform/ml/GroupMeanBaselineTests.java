package dev.meshshop.platform.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupMeanBaselineTests {

    record Shipment(String region, double days) {}

    // North: 2 and 4 (mean 3); south: 9. All: 15 / 3 = 5, not the mean of the groups' means (6).
    static final List<Shipment> TRAINING =
            List.of(new Shipment("north", 2), new Shipment("north", 4), new Shipment("south", 9));

    @Test
    void predictsTheMeanLabelOfTheGroup() {
        var baseline = GroupMeanBaseline.fit(TRAINING, Shipment::region, Shipment::days);

        assertThat(baseline.predict("north")).isCloseTo(3.0, within(1e-12));
        assertThat(baseline.predict("south")).isCloseTo(9.0, within(1e-12));
        assertThat(baseline.groups()).containsExactlyInAnyOrder("north", "south");
    }

    @Test
    void predictsTheMeanOfAllLabelsForAGroupTrainingDidNotSee() {
        var baseline = GroupMeanBaseline.fit(TRAINING, Shipment::region, Shipment::days);

        assertThat(baseline.predict("east")).isCloseTo(5.0, within(1e-12));
        assertThat(baseline.overallMean()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void refusesNoRowsAndRowsWithoutALabel() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GroupMeanBaseline.fit(List.<Shipment>of(), Shipment::region, Shipment::days))
                .withMessageContaining("no training rows");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GroupMeanBaseline.fit(
                        List.of(new Shipment("north", Double.NaN)), Shipment::region, Shipment::days))
                .withMessageContaining("label NaN");
    }
}
