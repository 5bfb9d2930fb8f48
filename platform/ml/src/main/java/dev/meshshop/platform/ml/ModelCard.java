package dev.meshshop.platform.ml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a model is for, what it takes, what it learned from and how well it does: published beside the ONNX file,
 * as JSON for programs and as Markdown for people. A consumer reads {@link #featureOrder()} from the JSON to build
 * the rows it scores, so the card is part of the model's contract.
 *
 * @param inputs the features in the order of the model's input columns, each with what it means
 * @param label what the model predicts, with its unit
 * @param limitations where the model should not be trusted; may be empty, though it rarely should be
 */
public record ModelCard(
        String name,
        String version,
        String intendedUse,
        List<Input> inputs,
        String label,
        TrainingData trainingData,
        Evaluation evaluation,
        List<String> limitations) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A consumer reads the cards of newer producers too: fields it does not know are left aside.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ModelCard {
        requireText(name, "name");
        requireText(version, "version");
        requireText(intendedUse, "intendedUse");
        requireText(label, "label");
        Objects.requireNonNull(trainingData, "trainingData");
        Objects.requireNonNull(evaluation, "evaluation");
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("A model card names the model's inputs: give at least one.");
        }
        inputs = List.copyOf(inputs);
        var names = new HashSet<String>();
        for (Input input : inputs) {
            if (!names.add(input.name())) {
                throw new IllegalArgumentException("The card lists input '" + input.name()
                        + "' twice: list each feature once, in the model's feature order.");
            }
        }
        limitations = limitations == null ? List.of() : List.copyOf(limitations);
    }

    /** One input feature of the model. */
    public record Input(String name, String description) {
        public Input {
            requireText(name, "input name");
            requireText(description, "description of input '" + name + "'");
        }
    }

    /** A data product the training rows came from, and the snapshot of it that was read. */
    public record Source(String productId, String snapshotId) {
        public Source {
            requireText(productId, "productId");
            requireText(snapshotId, "snapshotId of " + productId);
        }
    }

    /** What the model learned from: the products' snapshots, how many rows, and the period they cover. */
    public record TrainingData(List<Source> sources, long rows, LocalDate from, LocalDate to) {
        public TrainingData {
            if (sources == null || sources.isEmpty()) {
                throw new IllegalArgumentException(
                        "Training data comes from data products: name at least one source and its snapshot.");
            }
            sources = List.copyOf(sources);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException(
                        "The training period ends (" + to + ") before it starts (" + from + "): give from <= to.");
            }
        }
    }

    /** How the model did on rows it was not trained on, beside the naive baseline it has to beat. */
    public record Evaluation(
            String heldOutPeriod,
            long rows,
            double meanAbsoluteError,
            double rootMeanSquaredError,
            String baselineName,
            double baselineMeanAbsoluteError) {

        public Evaluation {
            requireText(heldOutPeriod, "heldOutPeriod");
            requireText(baselineName, "baselineName");
        }

        /** The evaluation from the model's and the baseline's metrics on the same held-out rows. */
        public static Evaluation of(
                String heldOutPeriod, RegressionMetrics model, String baselineName, RegressionMetrics baseline) {
            if (model.count() != baseline.count()) {
                throw new IllegalArgumentException("The model was measured on " + model.count()
                        + " rows and the baseline on " + baseline.count()
                        + ": measure both on the same held-out rows.");
            }
            return new Evaluation(
                    heldOutPeriod,
                    model.count(),
                    model.meanAbsoluteError(),
                    model.rootMeanSquaredError(),
                    baselineName,
                    baseline.meanAbsoluteError());
        }
    }

    /** The names of the inputs, in the order of the model's input columns: what {@link OnnxScorer#load} needs. */
    public List<String> featureOrder() {
        return inputs.stream().map(Input::name).toList();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A model card could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a card {@link #toJson()} wrote; refuses text that is not a complete card, saying what is wrong. */
    public static ModelCard fromJson(String json) {
        try {
            return JSON.readValue(json, ModelCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("This is not a complete model card: " + e.getOriginalMessage(), e);
        }
    }

    public String toMarkdown() {
        var md = new StringBuilder();
        md.append("# Model card: ").append(name).append(' ').append(version).append("\n\n");
        md.append("## Intended use\n\n").append(intendedUse).append("\n\n");
        md.append("## Inputs\n\n")
                .append("One row of ")
                .append(inputs.size())
                .append(" numbers, in this order (a missing feature counts as 0):\n\n")
                .append("| # | Feature | Description |\n|---|---|---|\n");
        for (int i = 0; i < inputs.size(); i++) {
            md.append("| ")
                    .append(i + 1)
                    .append(" | `")
                    .append(inputs.get(i).name())
                    .append("` | ")
                    .append(cell(inputs.get(i).description()))
                    .append(" |\n");
        }
        md.append("\n## Label\n\n").append(label).append("\n\n");
        md.append("## Training data\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "%,d rows from %s to %s, read from:\n\n",
                        trainingData.rows(),
                        trainingData.from(),
                        trainingData.to()));
        for (Source source : trainingData.sources()) {
            md.append("- `")
                    .append(source.productId())
                    .append("`, snapshot `")
                    .append(source.snapshotId())
                    .append("`\n");
        }
        md.append("\n## Evaluation\n\n")
                .append(String.format(
                        Locale.ROOT, "On %,d held-out rows (%s):\n\n", evaluation.rows(), evaluation.heldOutPeriod()))
                .append("| Predictor | MAE | RMSE |\n|---|---|---|\n")
                .append(String.format(
                        Locale.ROOT,
                        "| this model | %.3f | %.3f |\n",
                        evaluation.meanAbsoluteError(),
                        evaluation.rootMeanSquaredError()))
                .append(String.format(
                        Locale.ROOT,
                        "| baseline: %s | %.3f | |\n",
                        cell(evaluation.baselineName()),
                        evaluation.baselineMeanAbsoluteError()));
        md.append("\n## Limitations\n\n");
        if (limitations.isEmpty()) {
            md.append("None recorded.\n");
        }
        for (String limitation : limitations) {
            md.append("- ").append(limitation).append('\n');
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The model card's " + what + " is missing: give it a text.");
        }
    }
}
