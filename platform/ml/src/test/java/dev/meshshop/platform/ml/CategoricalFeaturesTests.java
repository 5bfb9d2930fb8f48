package dev.meshshop.platform.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CategoricalFeaturesTests {

    @Test
    void eachColumnWithAValueBecomesOneFeatureNamedColumnEqualsValue() {
        var row = new HashMap<String, String>();
        row.put("shipping_option", "express");
        row.put("month", "11");
        row.put("channel", null);

        assertThat(CategoricalFeatures.encode(row))
                .containsExactlyInAnyOrderEntriesOf(Map.of("shipping_option=express", 1.0, "month=11", 1.0));
    }

    @Test
    void aConsumerKeepsTheFeaturesTheModelKnowsAndLearnsWhichItLeftOut() {
        var features = CategoricalFeatures.encode(Map.of("shipping_option", "drone", "month", "11"));
        var unknown = new ArrayList<String>();

        var kept = CategoricalFeatures.knownOnly(features, Set.of("month=11", "shipping_option=express"), unknown);

        assertThat(kept).containsExactlyEntriesOf(Map.of("month=11", 1.0));
        assertThat(unknown).containsExactly("shipping_option=drone");
    }

    @Test
    void aValueTooLongToBeACategoryIsRefusedNamingItsColumn() {
        assertThatThrownBy(() -> CategoricalFeatures.encode(Map.of("channel", "x".repeat(101))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column channel has 101 characters");
    }

    @Test
    void encodedRowsScoreThroughOnnxAsTheyTrained() {
        var rows = new ArrayList<Example>();
        for (int i = 0; i < 300; i++) {
            String option = i % 3 == 0 ? "express" : i % 3 == 1 ? "standard" : "reliable";
            double days = option.equals("express") ? 1 : option.equals("standard") ? 2.5 : 4;
            rows.add(new Example(CategoricalFeatures.encode(Map.of("shipping_option", option)), days));
        }
        var model = new RegressionTrainer().train(rows);

        try (var scorer = OnnxScorer.load(model.onnx(), model.featureOrder())) {
            float[] scores = scorer.score(java.util.List.of(
                    CategoricalFeatures.encode(Map.of("shipping_option", "express")),
                    CategoricalFeatures.encode(Map.of("shipping_option", "reliable"))));
            assertThat(scores[0]).isCloseTo(1.0f, org.assertj.core.data.Offset.offset(0.1f));
            assertThat(scores[1]).isCloseTo(4.0f, org.assertj.core.data.Offset.offset(0.1f));
        }
    }

    @Test
    void trainedOnTheAbsoluteErrorAModelPredictsTheMedianAndBeatsTheMeanWhereATailIsLong() {
        var rows = new ArrayList<Example>();
        for (int i = 0; i < 1000; i++) {
            // nine parcels in ten take 2 days, one in ten 12: mean 3, median 2
            rows.add(new Example(CategoricalFeatures.encode(Map.of("option", "standard")), i % 10 == 0 ? 12 : 2));
        }
        var features = CategoricalFeatures.encode(Map.of("option", "standard"));

        double median = new RegressionTrainer(RegressionTrainer.Loss.ABSOLUTE)
                .train(rows)
                .predict(features);
        double mean = new RegressionTrainer(RegressionTrainer.Loss.SQUARED)
                .train(rows)
                .predict(features);

        assertThat(median).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(mean).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.2));
    }
}
