package dev.meshshop.platform.ml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training row: named numeric features and the label the model learns to predict. Encoding is the caller's
 * business: a category becomes one-hot features ({@code "region=north" -> 1.0}) before it gets here, and a feature
 * a row leaves out counts as 0.
 *
 * <p>Values are checked by {@link RegressionTrainer#train}, which can say which row is wrong.
 */
public record Example(Map<String, Double> features, double label) {

    public Example {
        Objects.requireNonNull(features, "features");
        features.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A feature has no name: give every feature a name.");
            }
            if (value == null) {
                throw new IllegalArgumentException(
                        "Feature '" + name + "' has no value: leave the feature out (it counts as 0) or give it one.");
            }
        });
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
}
