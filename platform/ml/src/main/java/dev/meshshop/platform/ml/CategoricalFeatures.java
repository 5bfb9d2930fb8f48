package dev.meshshop.platform.ml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One-hot encoding of categorical columns, the same for the team that trains a model and the team that scores with
 * it: a row's column {@code c} with value {@code v} becomes the feature {@code c=v} with the value 1. A model card
 * lists its inputs by these names, so a consumer that has the columns needs nothing else of the producer.
 */
public final class CategoricalFeatures {

    /** The longest column value encoded; longer values are refused rather than turned into features nobody knows. */
    public static final int MAX_VALUE_LENGTH = 100;

    private CategoricalFeatures() {}

    /** The feature name of {@code column} having {@code value}. */
    public static String name(String column, String value) {
        return column + "=" + value;
    }

    /**
     * The features of one row: {@code column=value} with 1 for each column that has a value; a null value adds
     * nothing (the model's intercept stands for it).
     *
     * @throws IllegalArgumentException naming the column when a value is longer than {@link #MAX_VALUE_LENGTH}
     */
    public static Map<String, Double> encode(Map<String, String> row) {
        var features = new TreeMap<String, Double>();
        row.forEach((column, value) -> {
            if (value == null) {
                return;
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("The value of column " + column + " has " + value.length()
                        + " characters; a categorical value has at most " + MAX_VALUE_LENGTH);
            }
            features.put(name(column, value), 1.0);
        });
        return features;
    }

    /**
     * {@code features} without those a model does not know ({@code known}, its card's inputs): a value the model
     * never saw in training (a new shipping option, say) carries no weight, as its feature would have none.
     *
     * @return the known features, and in {@code unknown} (when not null) the names left out
     */
    public static Map<String, Double> knownOnly(
            Map<String, Double> features, java.util.Set<String> known, List<String> unknown) {
        var kept = new LinkedHashMap<String, Double>();
        features.forEach((name, value) -> {
            if (known.contains(name)) {
                kept.put(name, value);
            } else if (unknown != null) {
                unknown.add(name);
            }
        });
        return kept;
    }
}
