package dev.meshshop.platform.ml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each named feature goes in a model's input row: the one place that turns a row of named values into
 * positions, for the Java model and the ONNX scorer alike. A feature the row leaves out stays 0; a name the model
 * does not know, or a value that is not a finite number, is refused.
 */
final class FeatureLayout {

    @FunctionalInterface
    interface Sink {
        void put(int position, double value);
    }

    private final List<String> order;
    private final Map<String, Integer> positions;

    FeatureLayout(List<String> order) {
        this.order = List.copyOf(order);
        this.positions = new HashMap<>();
        for (int i = 0; i < this.order.size(); i++) {
            if (positions.put(this.order.get(i), i) != null) {
                throw new IllegalArgumentException("The feature order names '" + this.order.get(i)
                        + "' twice: give each feature once, in the order the model card lists.");
            }
        }
    }

    List<String> order() {
        return order;
    }

    int width() {
        return order.size();
    }

    /** Hands each feature of {@code row} to {@code sink} at its position; {@code rowNumber} goes into errors. */
    void place(Map<String, Double> row, long rowNumber, Sink sink) {
        row.forEach((name, value) -> {
            Integer position = positions.get(name);
            if (position == null) {
                throw new IllegalArgumentException("Row " + rowNumber + " has feature '" + name
                        + "', which the model does not know (it takes " + order.size()
                        + " features, see featureOrder()): rename it to one of them or drop it.");
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("Row " + rowNumber + " has feature '" + name + "' = " + value
                        + ": give a finite number, or leave the feature out to have it count as 0.");
            }
            sink.put(position, value);
        });
    }
}
