package dev.meshshop.platform.ml;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Trains a linear regression with Tribuo: squared loss, stochastic gradient descent with AdaGrad, a fixed number of
 * epochs and a fixed seed.
 *
 * <p>Training is deterministic: the same rows in the same order, with the same settings, give the same weights bit
 * for bit, so the exported ONNX graph is the same too. The ONNX bytes are not: Tribuo writes the model's
 * provenance into the file, and that includes the time of training ({@code trained-at}), the JVM version and the
 * operating system (see {@link TrainedModel#onnx(long)}).
 *
 * <p>Gradient descent converges best when the features have similar ranges: scale them (to 0..1, or to z-scores)
 * before training, and the same way before scoring.
 */
public final class RegressionTrainer {

    /** More rows than this are refused: train on a sample. */
    public static final int MAX_ROWS = 5_000_000;

    /** More distinct features than this are refused: group rare categories before one-hot encoding. */
    public static final int MAX_FEATURES = 10_000;

    private static final String LABEL = "label";
    private static final double ADAGRAD_EPSILON = 1e-6;
    private static final int NO_LOGGING = -1;
    private static final int MINIBATCH_SIZE = 1;

    /** What training minimises, and so what a prediction is. */
    public enum Loss {
        /** The squared error: a prediction is the mean of its kind, what root mean squared error rewards. */
        SQUARED,
        /**
         * The absolute error: a prediction is the median of its kind, what mean absolute error rewards, and which a
         * long tail (a few very late parcels) pulls less.
         */
        ABSOLUTE
    }

    private final Loss loss;
    private final int epochs;
    private final double learningRate;
    private final long seed;

    /** Squared loss, 20 epochs, an initial learning rate of 0.5 and seed 1. */
    public RegressionTrainer() {
        this(Loss.SQUARED, 20, 0.5, 1L);
    }

    /** {@code loss}, 20 epochs, an initial learning rate of 0.5 and seed 1. */
    public RegressionTrainer(Loss loss) {
        this(loss, 20, 0.5, 1L);
    }

    public RegressionTrainer(int epochs, double learningRate, long seed) {
        this(Loss.SQUARED, epochs, learningRate, seed);
    }

    public RegressionTrainer(Loss loss, int epochs, double learningRate, long seed) {
        this.loss = java.util.Objects.requireNonNull(loss, "loss");
        if (epochs < 1) {
            throw new IllegalArgumentException("Epochs must be at least 1, not " + epochs + ".");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("The learning rate must be a positive number, not " + learningRate
                    + ": 0.5 suits features scaled to 0..1.");
        }
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /** Trains on {@code rows}, in their order; refuses rows the model could not learn from, naming the row. */
    public TrainedModel train(List<Example> rows) {
        check(rows);
        var factory = new RegressionFactory();
        var dataset = new MutableDataset<Regressor>(
                new SimpleDataSourceProvenance("rows given to " + getClass().getSimpleName(), factory), factory);
        for (Example row : rows) {
            var names = row.features().keySet().toArray(String[]::new);
            var values = new double[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = row.features().get(names[i]);
            }
            dataset.add(new ArrayExample<>(new Regressor(LABEL, row.label()), names, values));
        }
        // A Tribuo trainer moves its random state on with every call: a new one each time keeps training repeatable.
        var trainer = new LinearSGDTrainer(
                loss == Loss.ABSOLUTE ? new org.tribuo.regression.sgd.objectives.AbsoluteLoss() : new SquaredLoss(),
                new AdaGrad(learningRate, ADAGRAD_EPSILON),
                epochs,
                NO_LOGGING,
                MINIBATCH_SIZE,
                seed);
        return new TrainedModel((LinearSGDModel) trainer.train(dataset));
    }

    private static void check(List<Example> rows) {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("There are no training rows: give the trainer at least one Example.");
        }
        if (rows.size() > MAX_ROWS) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%,d training rows are more than the %,d a model may be trained on: train on a sample,"
                            + " or on a shorter period.",
                    rows.size(),
                    MAX_ROWS));
        }
        Set<String> features = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            Example row = rows.get(i);
            if (row == null) {
                throw new IllegalArgumentException("Training row " + i + " is null: drop it before training.");
            }
            if (!Double.isFinite(row.label())) {
                throw new IllegalArgumentException("Training row " + i + " has label " + row.label()
                        + ": drop the row, or fill in its label, before training.");
            }
            if (row.features().isEmpty()) {
                throw new IllegalArgumentException("Training row " + i
                        + " has no features: give every row at least one feature (an explicit 0.0 counts).");
            }
            for (Map.Entry<String, Double> feature : row.features().entrySet()) {
                if (!Double.isFinite(feature.getValue())) {
                    throw new IllegalArgumentException("Training row " + i + " has feature '" + feature.getKey()
                            + "' = " + feature.getValue() + ": drop the row, or impute the value, before training.");
                }
                if (features.add(feature.getKey()) && features.size() > MAX_FEATURES) {
                    throw new IllegalArgumentException(String.format(
                            Locale.ROOT,
                            "Training row %d brings the number of distinct features above %,d: group rare"
                                    + " categories into one 'other' feature before one-hot encoding.",
                            i,
                            MAX_FEATURES));
                }
            }
        }
    }
}
