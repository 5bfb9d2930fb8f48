package dev.meshshop.platform.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl;
import dev.meshshop.platform.ml.Deliveries.Delivery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegressionTrainerTests {

    static TrainedModel model;

    @BeforeAll
    static void train() {
        model = new RegressionTrainer().train(Deliveries.examples(Deliveries.training()));
    }

    @Test
    void learnsTheRelationBehindTheRows() {
        double base = model.predict(Map.of("region=north", 1.0));

        assertThat(base).isCloseTo(2.0, within(0.1));
        assertThat(model.predict(Map.of("region=north", 1.0, "a", 1.0)) - base).isCloseTo(3.0, within(0.1));
        assertThat(model.predict(Map.of("region=north", 1.0, "b", 1.0)) - base).isCloseTo(-1.5, within(0.1));
        assertThat(model.predict(Map.of("region=east", 1.0)) - base).isCloseTo(2.5, within(0.1));
    }

    @Test
    void theFeatureOrderIsTribuosSortedByNameNotTheRowsOrder() {
        // The rows list the regions first and 'a' last.
        assertThat(Deliveries.training().get(0).features().keySet())
                .containsExactly("region=north", "region=south", "region=east", "b", "a");

        assertThat(model.featureOrder()).containsExactly("a", "b", "region=east", "region=north", "region=south");
    }

    @Test
    void beatsTheGroupMeanBaselineOnHeldOutRows() {
        var training = Deliveries.training();
        var heldOut = Deliveries.heldOut();
        var baseline = GroupMeanBaseline.fit(training, Delivery::region, Delivery::days);

        var modelMetrics = RegressionMetrics.of(
                heldOut.stream().mapToDouble(d -> model.predict(d.features())).toArray(), Deliveries.days(heldOut));
        var baselineMetrics = RegressionMetrics.of(
                heldOut.stream().mapToDouble(d -> baseline.predict(d.region())).toArray(), Deliveries.days(heldOut));

        assertThat(modelMetrics.count()).isEqualTo(500);
        // The noise alone costs 0.2 * sqrt(2 / pi) = 0.16 of mean absolute error; the baseline ignores a and b.
        assertThat(modelMetrics.meanAbsoluteError()).isLessThan(0.2);
        assertThat(baselineMetrics.meanAbsoluteError()).isGreaterThan(0.6);
    }

    @Test
    void theSameRowsGiveTheSameModelAndAllOfItsOnnxButTheProvenance() throws Exception {
        var rows = Deliveries.examples(Deliveries.generate(300, 11L));

        var first = new RegressionTrainer().train(rows);
        var second = new RegressionTrainer().train(rows);

        for (var delivery : Deliveries.heldOut()) {
            assertThat(second.predict(delivery.features())).isEqualTo(first.predict(delivery.features()));
        }
        var firstOnnx = OnnxMl.ModelProto.parseFrom(first.onnx());
        var secondOnnx = OnnxMl.ModelProto.parseFrom(second.onnx());
        assertThat(secondOnnx.getGraph()).isEqualTo(firstOnnx.getGraph());
        assertThat(withoutProvenance(secondOnnx)).isEqualTo(withoutProvenance(firstOnnx));
        // What differs: Tribuo's provenance, which holds the time of training, as metadata and as the doc string.
        assertThat(firstOnnx.getDocString()).contains("trained-at=");
        assertThat(firstOnnx.getMetadataPropsList()).singleElement().satisfies(entry -> {
            assertThat(entry.getKey()).isEqualTo("TRIBUO_PROVENANCE");
            assertThat(entry.getValue()).contains("trained-at");
        });
    }

    @Test
    void otherRowsGiveAnotherModel() {
        var rows = Deliveries.examples(Deliveries.generate(300, 11L));
        var others = Deliveries.examples(Deliveries.generate(300, 12L));

        var probe = Deliveries.heldOut().get(0).features();
        assertThat(new RegressionTrainer().train(others).predict(probe))
                .isNotEqualTo(new RegressionTrainer().train(rows).predict(probe));
    }

    @Test
    void theOnnxExportCarriesTheDomainAndVersion() throws Exception {
        var onnx = OnnxMl.ModelProto.parseFrom(model.onnx(42));

        assertThat(onnx.getDomain()).isEqualTo(TrainedModel.ONNX_DOMAIN);
        assertThat(onnx.getModelVersion()).isEqualTo(42);
        assertThat(OnnxMl.ModelProto.parseFrom(model.onnx()).getModelVersion()).isEqualTo(1);
    }

    @Test
    void predictRefusesAFeatureTheModelDoesNotKnow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> model.predict(Map.of("a", 0.5, "region=west", 1.0)))
                .withMessageContaining("'region=west'")
                .withMessageContaining("does not know");
    }

    @Test
    void refusesNoRows() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegressionTrainer().train(List.of()))
                .withMessageContaining("no training rows");
    }

    @Test
    void refusesALabelThatIsNotANumberNamingTheRow() {
        var rows = rowsWith(3, new Example(Map.of("a", 1.0), Double.NaN));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegressionTrainer().train(rows))
                .withMessageContaining("row 3 has label NaN")
                .withMessageContaining("fill in its label");
    }

    @Test
    void refusesAnInfiniteFeatureNamingTheRowAndFeature() {
        var rows = rowsWith(2, new Example(Map.of("a", 1.0, "b", Double.POSITIVE_INFINITY), 4.0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegressionTrainer().train(rows))
                .withMessageContaining("row 2 has feature 'b' = Infinity")
                .withMessageContaining("impute");
    }

    @Test
    void refusesARowWithoutFeatures() {
        var rows = rowsWith(1, new Example(Map.of(), 4.0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegressionTrainer().train(rows))
                .withMessageContaining("row 1 has no features");
    }

    @Test
    void refusesMoreRowsThanTheBound() {
        var tooMany = Collections.nCopies(RegressionTrainer.MAX_ROWS + 1, new Example(Map.of("a", 1.0), 1.0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegressionTrainer().train(tooMany))
                .withMessageContaining("5,000,001 training rows are more than the 5,000,000")
                .withMessageContaining("sample");
    }

    @Test
    void refusesMoreFeaturesThanTheBound() {
        var wide = new HashMap<String, Double>();
        IntStream.rangeClosed(0, RegressionTrainer.MAX_FEATURES).forEach(i -> wide.put("category=" + i, 1.0));
        var rows = rowsWith(1, new Example(wide, 1.0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegressionTrainer().train(rows))
                .withMessageContaining("row 1 brings the number of distinct features above 10,000")
                .withMessageContaining("group rare categories");
    }

    /** Good rows, with {@code bad} at {@code index}. */
    private static List<Example> rowsWith(int index, Example bad) {
        var rows = new ArrayList<>(Deliveries.examples(Deliveries.generate(index + 2, 1L)));
        rows.set(index, bad);
        return rows;
    }

    private static OnnxMl.ModelProto withoutProvenance(OnnxMl.ModelProto model) {
        return model.toBuilder().clearMetadataProps().clearDocString().build();
    }
}
