package dev.meshshop.domains.datascience.deliverytime;

import dev.meshshop.platform.ml.CategoricalFeatures;
import dev.meshshop.platform.ml.Example;
import dev.meshshop.platform.ml.GroupMeanBaseline;
import dev.meshshop.platform.ml.ModelCard;
import dev.meshshop.platform.ml.OnnxScorer;
import dev.meshshop.platform.ml.RegressionMetrics;
import dev.meshshop.platform.ml.RegressionTrainer;
import dev.meshshop.platform.ml.TrainedModel;
import dev.meshshop.platform.storage.ModelStep;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * Trains the delivery-time model on the training days of {@code model.delivery_time_examples}, judges it on the
 * held-out days against a naive baseline (the average per shipping option), and writes what the product publishes:
 * the evaluation ({@code model.delivery_time}) and the files ({@code model.delivery_time_files}: the ONNX model and
 * its card). The evaluation scores the held-out days with the exported ONNX file itself, so the published error is
 * the error of the published file.
 */
public final class DeliveryTimeTraining implements ModelStep {

    /** The columns the model reads, each one-hot encoded ({@link CategoricalFeatures}). */
    static final List<String> INPUT_COLUMNS = List.of("shipping_option", "black_week_option", "month", "channel");

    static final String PRODUCT = "delivery_time";
    static final String MODEL_FILE = "delivery_time.onnx";
    static final String CARD_JSON = "model-card.json";
    static final String CARD_MARKDOWN = "model-card.md";

    private static final Map<String, String> MEANING = Map.of(
            "shipping_option", "the shipping option the customer chose",
            "black_week_option", "the shipping option when the order was bought in Black Week (none otherwise)",
            "month", "the month the order was bought (01 to 12)",
            "channel", "where the order was bought");

    @Override
    public String name() {
        return "train the delivery-time model";
    }

    @Override
    public String product() {
        return PRODUCT;
    }

    /** One example: a parcel with the columns the model reads and the days it travelled. */
    record Parcel(String shipmentId, LocalDate day, Map<String, String> columns, double actualDays, boolean heldOut) {

        Map<String, Double> features() {
            return CategoricalFeatures.encode(columns);
        }
    }

    @Override
    public void run(Context context) throws Exception {
        var parcels = context.area().withConnection(DeliveryTimeTraining::parcels);
        var training = parcels.stream().filter(parcel -> !parcel.heldOut()).toList();
        var heldOut = parcels.stream().filter(Parcel::heldOut).toList();
        if (training.isEmpty() || heldOut.isEmpty()) {
            throw new IllegalStateException("There are " + training.size() + " training and " + heldOut.size()
                    + " held-out parcels; the model needs delivered parcels on both kinds of day");
        }
        // judged on the mean absolute error, trained on it: a prediction is the median of its kind, which the few very
        // late parcels pull less than they pull the mean
        TrainedModel model = new RegressionTrainer(RegressionTrainer.Loss.ABSOLUTE)
                .train(training.stream()
                        .map(parcel -> new Example(parcel.features(), parcel.actualDays()))
                        .toList());
        var baseline =
                GroupMeanBaseline.fit(training, parcel -> parcel.columns().get("shipping_option"), Parcel::actualDays);
        byte[] onnx = model.onnx();
        float[] predicted;
        try (var scorer = OnnxScorer.load(onnx, model.featureOrder())) {
            var known = java.util.Set.copyOf(model.featureOrder());
            predicted = scorer.score(heldOut.stream()
                    .map(parcel -> CategoricalFeatures.knownOnly(parcel.features(), known, null))
                    .toList());
        }
        double[] actual = heldOut.stream().mapToDouble(Parcel::actualDays).toArray();
        double[] naive = heldOut.stream()
                .mapToDouble(parcel -> baseline.predict(parcel.columns().get("shipping_option")))
                .toArray();
        var card = card(context, model, training, heldOut, predicted, actual, naive);
        context.area().inTransaction(connection -> {
            write(connection, heldOut, predicted, naive);
            writeFiles(connection, onnx, card);
            return null;
        });
    }

    private static List<Parcel> parcels(Connection connection) throws SQLException {
        var parcels = new ArrayList<Parcel>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT shipment_id, purchased_at::DATE AS day, "
                        + String.join(", ", INPUT_COLUMNS)
                        + ", actual_days, split = 'held-out' AS held_out FROM model.delivery_time_examples")) {
            while (rows.next()) {
                var columns = new LinkedHashMap<String, String>();
                for (String column : INPUT_COLUMNS) {
                    columns.put(column, rows.getString(column));
                }
                parcels.add(new Parcel(
                        rows.getString("shipment_id"),
                        rows.getObject("day", LocalDate.class),
                        columns,
                        rows.getDouble("actual_days"),
                        rows.getBoolean("held_out")));
            }
        }
        return parcels;
    }

    private static ModelCard card(
            Context context,
            TrainedModel model,
            List<Parcel> training,
            List<Parcel> heldOut,
            float[] predicted,
            double[] actual,
            double[] naive) {
        var inputs = model.featureOrder().stream()
                .map(feature -> {
                    String column = feature.substring(0, feature.indexOf('='));
                    String value = feature.substring(feature.indexOf('=') + 1);
                    return new ModelCard.Input(
                            feature, "1 when " + MEANING.getOrDefault(column, column) + " is " + value + ", else 0");
                })
                .toList();
        var sources = context.inputs().entrySet().stream()
                .map(input -> new ModelCard.Source(
                        input.getKey().toString(), input.getValue().snapshot().id()))
                .sorted(java.util.Comparator.comparing(ModelCard.Source::productId))
                .toList();
        LocalDate from =
                training.stream().map(Parcel::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate to =
                training.stream().map(Parcel::day).max(LocalDate::compareTo).orElseThrow();
        return new ModelCard(
                "delivery_time",
                "1.0.0/"
                        + heldOut.stream()
                                .map(Parcel::day)
                                .max(LocalDate::compareTo)
                                .orElseThrow(),
                "Predict how many days a parcel travels from dispatch to delivery when its order is bought, to plan"
                        + " and promise deliveries per shipping option and week. Not for judging one carrier or one"
                        + " parcel: it predicts the typical time, not a parcel's luck.",
                inputs,
                "Days from dispatch to delivery (a decimal number; 1.5 is a day and a half).",
                new ModelCard.TrainingData(sources, training.size(), from, to),
                ModelCard.Evaluation.of(
                        "the days of the year divisible by 5 (" + heldOut.size() + " parcels), never seen in training",
                        RegressionMetrics.of(predicted, actual),
                        "the average travel time per shipping option on the training days",
                        RegressionMetrics.of(naive, actual)),
                List.of(
                        "A linear model over categories: a typical time per option, Black Week, month and channel.",
                        "A shipping option or channel it was not trained on carries no weight of its own.",
                        "Trained on one year: a month is learned from one instance of it."));
    }

    private static void write(Connection connection, List<Parcel> heldOut, float[] predicted, double[] naive)
            throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE model.delivery_time_predictions (shipment_id VARCHAR,"
                    + " predicted_days DOUBLE, baseline_days DOUBLE)");
        }
        try (var appender =
                connection.unwrap(DuckDBConnection.class).createAppender("model", "delivery_time_predictions")) {
            for (int i = 0; i < heldOut.size(); i++) {
                appender.beginRow()
                        .append(heldOut.get(i).shipmentId())
                        .append((double) predicted[i])
                        .append(naive[i])
                        .endRow();
            }
        }
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE model.delivery_time AS"
                    + " SELECT e.shipment_id, e.purchased_at, e.shipping_option, e.black_week_option, e.month,"
                    + " e.channel, e.actual_days, p.predicted_days, p.baseline_days"
                    + " FROM model.delivery_time_examples e JOIN model.delivery_time_predictions p USING (shipment_id)"
                    + " ORDER BY e.purchased_at, e.shipment_id");
            statement.execute("DROP TABLE model.delivery_time_predictions");
        }
    }

    private static void writeFiles(Connection connection, byte[] onnx, ModelCard card) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE model.delivery_time_files"
                    + " (name VARCHAR NOT NULL, media_type VARCHAR NOT NULL, content BLOB NOT NULL)");
        }
        try (var insert = connection.prepareStatement("INSERT INTO model.delivery_time_files VALUES (?, ?, ?)")) {
            add(insert, MODEL_FILE, "application/octet-stream", onnx);
            add(insert, CARD_JSON, "application/json", card.toJson().getBytes(StandardCharsets.UTF_8));
            add(
                    insert,
                    CARD_MARKDOWN,
                    "text/markdown; charset=utf-8",
                    card.toMarkdown().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void add(java.sql.PreparedStatement insert, String name, String mediaType, byte[] content)
            throws SQLException {
        insert.setString(1, name);
        insert.setString(2, mediaType);
        insert.setBytes(3, content);
        insert.execute();
    }
}
