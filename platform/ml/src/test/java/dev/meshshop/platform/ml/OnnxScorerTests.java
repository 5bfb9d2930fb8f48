package dev.meshshop.platform.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxScorerTests {

    static TrainedModel model;
    static byte[] onnx;

    @BeforeAll
    static void train() {
        model = new RegressionTrainer().train(Deliveries.examples(Deliveries.training()));
        onnx = model.onnx();
    }

    @Test
    void scoresEveryRowAsTheJavaModelPredicts() {
        var rows = Deliveries.features(Deliveries.heldOut());

        float[] scores;
        try (var scorer = OnnxScorer.load(onnx, model.featureOrder())) {
            scores = scorer.score(rows);
        }

        assertThat(scores).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat((double) scores[i]).as("row %d", i).isCloseTo(model.predict(rows.get(i)), within(1e-4));
        }
    }

    @Test
    void aFeatureTheRowLeavesOutCountsAsZero() {
        try (var scorer = OnnxScorer.load(onnx, model.featureOrder())) {
            var scores = scorer.score(List.of(Map.of("a", 0.5), Map.of("a", 0.5, "b", 0.0, "region=north", 0.0)));

            assertThat(scores[0]).isEqualTo(scores[1]);
            assertThat((double) scores[0]).isCloseTo(model.predict(Map.of("a", 0.5)), within(1e-4));
        }
    }

    @Test
    void scoresMoreRowsThanABatchInTheirOrder() {
        int count = 2 * OnnxScorer.MAX_BATCH_ROWS + 1;
        // The second batch leaves out 'b', which the first gives: a value left over from the first would show.
        var rows = new ArrayList<Map<String, Double>>();
        for (var delivery : Deliveries.generate(count, 21L)) {
            var features = delivery.features();
            if (rows.size() / OnnxScorer.MAX_BATCH_ROWS == 1) {
                features.remove("b");
            }
            rows.add(features);
        }

        float[] scores;
        try (var scorer = OnnxScorer.load(onnx, model.featureOrder())) {
            scores = scorer.score(rows);
        }

        assertThat(scores).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat((double) scores[i]).as("row %d", i).isCloseTo(model.predict(rows.get(i)), within(1e-4));
        }
    }

    @Test
    void scoresNoRowsToNoScores() {
        try (var scorer = OnnxScorer.load(onnx, model.featureOrder())) {
            assertThat(scorer.score(List.of())).isEmpty();
        }
    }

    @Test
    void loadsTheModelFromAFile(@TempDir Path dir) throws Exception {
        var file = Files.write(dir.resolve("model.onnx"), onnx);
        var row = Deliveries.heldOut().get(0).features();

        try (var scorer = OnnxScorer.load(file, model.featureOrder())) {
            assertThat(scorer.featureOrder()).isEqualTo(model.featureOrder());
            assertThat((double) scorer.score(List.of(row))[0]).isCloseTo(model.predict(row), within(1e-4));
        }
    }

    @Test
    void refusesBytesThatAreNotAnOnnxModel() {
        var garbage = "model,days\nlinear,3\n".getBytes(StandardCharsets.UTF_8);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OnnxScorer.load(garbage, model.featureOrder()))
                .withMessageContaining("not an ONNX model")
                .withMessageContaining("pass the model file");
    }

    @Test
    void refusesAFeatureOrderOfAnotherWidthSayingBothWidths() {
        var oneShort = model.featureOrder().subList(0, 4);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OnnxScorer.load(onnx, oneShort))
                .withMessageContaining("takes 5 features a row")
                .withMessageContaining("names 4")
                .withMessageContaining("model card");
    }

    @Test
    void refusesAFeatureOrderThatNamesAFeatureTwice() {
        var twice = List.of("a", "a", "region=east", "region=north", "region=south");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OnnxScorer.load(onnx, twice))
                .withMessageContaining("names 'a' twice");
    }

    @Test
    void refusesARowWithAFeatureTheModelDoesNotKnow() {
        var rows = List.of(Map.of("a", 0.5), Map.of("a", 0.5, "region=west", 1.0));

        try (var scorer = OnnxScorer.load(onnx, model.featureOrder())) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> scorer.score(rows))
                    .withMessageContaining("Row 1 has feature 'region=west'")
                    .withMessageContaining("does not know");
        }
    }

    @Test
    void refusesAValueThatIsNotANumber() {
        var row = new HashMap<String, Double>();
        row.put("b", Double.NaN);

        try (var scorer = OnnxScorer.load(onnx, model.featureOrder())) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> scorer.score(List.of(row)))
                    .withMessageContaining("Row 0 has feature 'b' = NaN");
        }
    }

    @Test
    void refusesAFileLargerThanTheBoundBeforeReadingIt(@TempDir Path dir) throws Exception {
        var file = dir.resolve("huge.onnx");
        try (var sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(OnnxScorer.MAX_MODEL_BYTES + 1);
        }

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OnnxScorer.load(file, model.featureOrder()))
                .withMessageContaining("huge.onnx is 67,108,865 bytes, more than the 67,108,864");
    }

    @Test
    void aClosedScorerRefusesToScoreAndClosesOnce() {
        var scorer = OnnxScorer.load(onnx, model.featureOrder());
        scorer.close();
        scorer.close();

        assertThatIllegalStateException()
                .isThrownBy(() -> scorer.score(List.of(Map.of("a", 1.0))))
                .withMessageContaining("closed");
        // The environment is the process's: another scorer still loads and scores.
        try (var another = OnnxScorer.load(onnx, model.featureOrder())) {
            assertThat(another.score(List.of(Map.of("a", 1.0)))).hasSize(1);
        }
    }
}
