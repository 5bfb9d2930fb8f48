package dev.meshshop.platform.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.meshshop.platform.ml.Deliveries.Delivery;
import dev.meshshop.platform.ml.ModelCard.Evaluation;
import dev.meshshop.platform.ml.ModelCard.Input;
import dev.meshshop.platform.ml.ModelCard.Source;
import dev.meshshop.platform.ml.ModelCard.TrainingData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCardTests {

    static final Map<String, String> MEANINGS = Map.of(
            "a", "distance to the warehouse, scaled to 0..1",
            "b", "share of the basket in stock | on the shelf",
            "region=east", "1 if the order ships to the east, else 0",
            "region=north", "1 if the order ships to the north, else 0",
            "region=south", "1 if the order ships to the south, else 0");

    /** The card a producer writes for a model, with the model's own feature order. */
    static ModelCard cardFor(TrainedModel model, Evaluation evaluation) {
        return new ModelCard(
                "delivery-days",
                "2025.06.1",
                "Promise a delivery date at checkout; not for planning carriers' capacity.",
                model.featureOrder().stream()
                        .map(name -> new Input(name, MEANINGS.get(name)))
                        .toList(),
                "Days from purchase to delivery",
                new TrainingData(
                        List.of(new Source("checkout.orders", "s-0042"), new Source("fulfillment.shipments", "s-0017")),
                        2_000,
                        LocalDate.parse("2025-01-01"),
                        LocalDate.parse("2025-04-30")),
                evaluation,
                List.of("Trained on three regions; a new region gets no offset of its own."));
    }

    static ModelCard card() {
        var model = new RegressionTrainer().train(Deliveries.examples(Deliveries.generate(200, 3L)));
        return cardFor(model, new Evaluation("May 2025", 500, 0.1612, 0.2034, "mean days per region", 0.7891));
    }

    @Test
    void theJsonReadsBackToTheSameCard() {
        var card = card();

        assertThat(ModelCard.fromJson(card.toJson())).isEqualTo(card);
    }

    @Test
    void aConsumerScoresWithTheInputOrderTheCardPublishes() {
        var training = Deliveries.training();
        var heldOut = Deliveries.heldOut();
        var model = new RegressionTrainer().train(Deliveries.examples(training));
        var baseline = GroupMeanBaseline.fit(training, Delivery::region, Delivery::days);
        var modelMetrics = RegressionMetrics.of(
                heldOut.stream().mapToDouble(d -> model.predict(d.features())).toArray(), Deliveries.days(heldOut));
        var baselineMetrics = RegressionMetrics.of(
                heldOut.stream().mapToDouble(d -> baseline.predict(d.region())).toArray(), Deliveries.days(heldOut));
        // The producer publishes the ONNX bytes and the card's JSON...
        byte[] published = model.onnx();
        String cardJson = cardFor(
                        model, Evaluation.of("May 2025", modelMetrics, "mean days per region", baselineMetrics))
                .toJson();

        // ...and the consumer knows nothing but those two.
        var card = ModelCard.fromJson(cardJson);
        float[] scores;
        try (var scorer = OnnxScorer.load(published, card.featureOrder())) {
            scores = scorer.score(Deliveries.features(heldOut));
        }

        assertThat(card.featureOrder()).isEqualTo(model.featureOrder());
        var consumerMetrics = RegressionMetrics.of(scores, Deliveries.days(heldOut));
        assertThat(consumerMetrics.meanAbsoluteError())
                .isCloseTo(card.evaluation().meanAbsoluteError(), within(1e-4));
        assertThat(card.evaluation().meanAbsoluteError())
                .isLessThan(card.evaluation().baselineMeanAbsoluteError());
    }

    @Test
    void theMarkdownListsTheInputsInOrderAndTheMetrics() {
        var markdown = card().toMarkdown();

        assertThat(markdown)
                .startsWith("# Model card: delivery-days 2025.06.1")
                .contains("| 1 | `a` | distance to the warehouse, scaled to 0..1 |")
                .contains("| 2 | `b` | share of the basket in stock \\| on the shelf |")
                .contains("| 5 | `region=south` |")
                .contains("2,000 rows from 2025-01-01 to 2025-04-30")
                .contains("- `checkout.orders`, snapshot `s-0042`")
                .contains("On 500 held-out rows (May 2025)")
                .contains("| this model | 0.161 | 0.203 |")
                .contains("| baseline: mean days per region | 0.789 | |")
                .contains("- Trained on three regions");
    }

    @Test
    void refusesJsonThatIsNotACompleteCard() {
        var withoutInputs = card().toJson().replaceFirst("\"inputs\"", "\"ignored\"");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> ModelCard.fromJson(withoutInputs))
                .withMessageContaining("not a complete model card")
                .withMessageContaining("inputs");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ModelCard.fromJson("model.onnx"))
                .withMessageContaining("not a complete model card");
    }

    @Test
    void refusesAnInputListedTwice() {
        var card = card();
        var twice = List.of(card.inputs().get(0), card.inputs().get(0));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ModelCard(
                        card.name(),
                        card.version(),
                        card.intendedUse(),
                        twice,
                        card.label(),
                        card.trainingData(),
                        card.evaluation(),
                        card.limitations()))
                .withMessageContaining("input 'a' twice");
    }

    @Test
    void refusesAnEvaluationOfModelAndBaselineOnDifferentRows() {
        var model = RegressionMetrics.of(new double[] {1, 2}, new double[] {1, 3});
        var baseline = RegressionMetrics.of(new double[] {1}, new double[] {2});

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Evaluation.of("May 2025", model, "mean", baseline))
                .withMessageContaining("on 2 rows and the baseline on 1");
    }
}
