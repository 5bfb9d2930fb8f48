package dev.meshshop.platform.ml;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The naive model a learned one has to beat: predict the mean label of the row's group (the region, say), and the
 * mean of all labels for a group training did not see. A model that does not beat it does not earn its keep.
 */
public final class GroupMeanBaseline {

    private final Map<String, Double> groupMeans;
    private final double overallMean;

    private GroupMeanBaseline(Map<String, Double> groupMeans, double overallMean) {
        this.groupMeans = Map.copyOf(groupMeans);
        this.overallMean = overallMean;
    }

    /** Learns the mean label of each group of the training rows. */
    public static <T> GroupMeanBaseline fit(Collection<T> rows, Function<T, String> group, ToDoubleFunction<T> label) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("There are no training rows: the baseline needs at least one.");
        }
        Map<String, double[]> sumsAndCounts = new HashMap<>();
        double total = 0;
        for (T row : rows) {
            String key = group.apply(row);
            double value = label.applyAsDouble(row);
            if (key == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("A training row has group " + key + " and label " + value
                        + ": drop the rows without a group or label before fitting the baseline.");
            }
            double[] sumAndCount = sumsAndCounts.computeIfAbsent(key, k -> new double[2]);
            sumAndCount[0] += value;
            sumAndCount[1]++;
            total += value;
        }
        Map<String, Double> means = new HashMap<>();
        sumsAndCounts.forEach((key, sumAndCount) -> means.put(key, sumAndCount[0] / sumAndCount[1]));
        return new GroupMeanBaseline(means, total / rows.size());
    }

    /** The mean label of {@code group} in training, or the mean of all labels for a group training did not see. */
    public double predict(String group) {
        return groupMeans.getOrDefault(group, overallMean);
    }

    /** The mean of all training labels. */
    public double overallMean() {
        return overallMean;
    }

    /** The groups training saw. */
    public Set<String> groups() {
        return groupMeans.keySet();
    }
}
