package dev.meshshop.platform.ml;

/**
 * How far predictions are from what happened: the mean absolute error (in the label's unit, what a reader of the
 * model card understands), the root mean squared error (which weighs large misses more), and how many pairs they
 * were measured on.
 */
public record RegressionMetrics(long count, double meanAbsoluteError, double rootMeanSquaredError) {

    public static RegressionMetrics of(double[] predicted, double[] actual) {
        checkSizes(predicted.length, actual.length);
        var sums = new double[2];
        for (int i = 0; i < predicted.length; i++) {
            add(sums, i, predicted[i], actual[i]);
        }
        return of(sums, predicted.length);
    }

    /** For the scores {@link OnnxScorer#score} gives. */
    public static RegressionMetrics of(float[] predicted, double[] actual) {
        checkSizes(predicted.length, actual.length);
        var sums = new double[2];
        for (int i = 0; i < predicted.length; i++) {
            add(sums, i, predicted[i], actual[i]);
        }
        return of(sums, predicted.length);
    }

    private static void checkSizes(int predicted, int actual) {
        if (predicted != actual) {
            throw new IllegalArgumentException(
                    predicted + " predictions for " + actual + " actual values: give one prediction a value.");
        }
        if (predicted == 0) {
            throw new IllegalArgumentException("There is nothing to measure: give at least one prediction.");
        }
    }

    private static void add(double[] sums, int i, double predicted, double actual) {
        if (!Double.isFinite(predicted) || !Double.isFinite(actual)) {
            throw new IllegalArgumentException("Pair " + i + " is (predicted " + predicted + ", actual " + actual
                    + "): drop the rows without a number before measuring.");
        }
        double error = predicted - actual;
        sums[0] += Math.abs(error);
        sums[1] += error * error;
    }

    private static RegressionMetrics of(double[] sums, int count) {
        return new RegressionMetrics(count, sums[0] / count, Math.sqrt(sums[1] / count));
    }
}
