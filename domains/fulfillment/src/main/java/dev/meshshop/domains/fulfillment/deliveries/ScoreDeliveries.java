package dev.meshshop.domains.fulfillment.deliveries;

import dev.meshshop.platform.ml.CategoricalFeatures;
import dev.meshshop.platform.ml.ModelCard;
import dev.meshshop.platform.ml.OnnxScorer;
import dev.meshshop.platform.storage.ModelStep;
import dev.meshshop.platform.storage.PublishedPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every parcel with the data science team's delivery-time model, as its input port reads it: the model's card
 * says which columns it reads and in which order its features go; the ONNX file does the rest. Fulfillment needs
 * none of the data science team's code (docs/adr/0027).
 */
public final class ScoreDeliveries implements ModelStep {

    static final String MODEL = "datascience.delivery_time";
    static final String MODEL_FILE = "delivery_time.onnx";
    static final String CARD = "model-card.json";
    /** The largest card read; a card is a page of JSON. */
    static final long MAX_CARD_BYTES = 1024 * 1024;
    /** The columns of {@code model.delivery_inputs} the model's card names. */
    static final List<String> COLUMNS = List.of("shipping_option", "black_week_option", "month", "channel");

    private static final Logger log = LoggerFactory.getLogger(ScoreDeliveries.class);

    @Override
    public String name() {
        return "score parcels with the delivery-time model";
    }

    @Override
    public String product() {
        return "delivery_predictions";
    }

    @Override
    public void run(Context context) throws Exception {
        PublishedPort model = context.input(MODEL);
        var card = ModelCard.fromJson(read(model, CARD));
        var known = Set.copyOf(card.featureOrder());
        Path onnx = model.artifactFile(MODEL_FILE)
                .orElseThrow(() -> new IllegalStateException(
                        MODEL + " snapshot " + model.snapshot().id() + " has no " + MODEL_FILE));
        context.area().inTransaction(connection -> {
            var parcels = parcels(connection);
            var unknown = new ArrayList<String>();
            var features = parcels.stream()
                    .map(parcel ->
                            CategoricalFeatures.knownOnly(CategoricalFeatures.encode(parcel.columns()), known, unknown))
                    .toList();
            float[] predicted;
            try (var scorer = OnnxScorer.load(onnx, card.featureOrder())) {
                predicted = scorer.score(features);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot read " + onnx.getFileName() + " of " + MODEL, e);
            }
            if (!unknown.isEmpty()) {
                log.warn(
                        "{} values the model {} was not trained on carry no weight, such as {}",
                        unknown.size(),
                        model.snapshot().id(),
                        unknown.stream().distinct().limit(5).toList());
            }
            write(connection, parcels, predicted, card.version());
            return null;
        });
    }

    private record Parcel(String shipmentId, Map<String, String> columns) {}

    private static List<Parcel> parcels(Connection connection) throws SQLException {
        var parcels = new ArrayList<Parcel>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "SELECT shipment_id, " + String.join(", ", COLUMNS) + " FROM model.delivery_inputs")) {
            while (rows.next()) {
                var columns = new LinkedHashMap<String, String>();
                for (String column : COLUMNS) {
                    columns.put(column, rows.getString(column));
                }
                parcels.add(new Parcel(rows.getString("shipment_id"), columns));
            }
        }
        return parcels;
    }

    private static void write(Connection connection, List<Parcel> parcels, float[] predicted, String modelVersion)
            throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(
                    "CREATE OR REPLACE TABLE model.delivery_scores (shipment_id VARCHAR, predicted_days DOUBLE)");
        }
        try (var appender = connection.unwrap(DuckDBConnection.class).createAppender("model", "delivery_scores")) {
            for (int i = 0; i < parcels.size(); i++) {
                appender.beginRow()
                        .append(parcels.get(i).shipmentId())
                        .append((double) predicted[i])
                        .endRow();
            }
        }
        try (var create = connection.prepareStatement("CREATE OR REPLACE TABLE model.delivery_predictions AS"
                        + " SELECT i.shipment_id, i.order_id, i.shipping_option, i.purchased_at, i.dispatched_at,"
                        + " s.predicted_days,"
                        + " i.dispatched_at + to_microseconds((s.predicted_days * 86400000000)::BIGINT)"
                        + " AS predicted_delivery_at,"
                        + " i.delivered_at,"
                        + " epoch(i.delivered_at - i.dispatched_at) / 86400.0 AS actual_days,"
                        + " s.predicted_days - epoch(i.delivered_at - i.dispatched_at) / 86400.0 AS error_days,"
                        + " ?::VARCHAR AS model_version"
                        + " FROM model.delivery_inputs i JOIN model.delivery_scores s USING (shipment_id)"
                        + " ORDER BY i.dispatched_at, i.shipment_id");
                var drop = connection.createStatement()) {
            create.setString(1, modelVersion);
            create.execute();
            drop.execute("DROP TABLE model.delivery_scores");
        }
    }

    private static String read(PublishedPort port, String name) throws IOException {
        Path file = port.artifactFile(name)
                .orElseThrow(() -> new IllegalStateException(
                        MODEL + " snapshot " + port.snapshot().id() + " has no " + name + "; its files: "
                                + port.snapshot().artifacts()));
        long size = Files.size(file);
        if (size > MAX_CARD_BYTES) {
            throw new IllegalStateException(
                    name + " of " + MODEL + " has " + size + " bytes; a card has at most " + MAX_CARD_BYTES);
        }
        return Files.readString(file);
    }
}
