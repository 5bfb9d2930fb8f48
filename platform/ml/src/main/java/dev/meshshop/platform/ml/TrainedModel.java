package dev.meshshop.platform.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;

/**
 * A linear regression {@link RegressionTrainer} trained: it predicts in Java, and exports itself as ONNX for the
 * consumers, who score with {@link OnnxScorer}.
 */
public final class TrainedModel {

    /** The namespace of the exported ONNX model. */
    static final String ONNX_DOMAIN = "dev.meshshop.platform.ml";

    private final LinearSGDModel model;
    private final FeatureLayout layout;

    TrainedModel(LinearSGDModel model) {
        this.model = model;
        var featureMap = model.getFeatureIDMap();
        List<String> order = new ArrayList<>(featureMap.size());
        for (int id = 0; id < featureMap.size(); id++) {
            order.add(featureMap.get(id).getName());
        }
        this.layout = new FeatureLayout(order);
    }

    /**
     * The features the model takes, in the order of the ONNX input's columns: Tribuo's feature ids, which it assigns
     * in the lexicographic order of the names seen in training, whatever order the rows gave them in. Publish this
     * list with the model (the model card carries it); a consumer builds its input rows in this order.
     */
    public List<String> featureOrder() {
        return layout.order();
    }

    /**
     * The prediction for one row; a feature the row leaves out counts as 0, a name the model was not trained on is
     * refused.
     */
    public double predict(Map<String, Double> features) {
        var values = new double[layout.width()];
        layout.place(features, 0, (position, value) -> values[position] = value);
        // Every feature, zeros included: Tribuo refuses an example without any feature it knows.
        var names = layout.order().toArray(String[]::new);
        var example = new ArrayExample<Regressor>(RegressionFactory.UNKNOWN_REGRESSOR, names, values);
        return model.predict(example).getOutput().getValues()[0];
    }

    /** {@link #onnx(long)} with model version 1, for a model whose version only the model card names. */
    public byte[] onnx() {
        return onnx(1);
    }

    /**
     * The model as ONNX, through Tribuo's export: one float input {@code [rows, featureOrder().size()]} and one float
     * output {@code [rows, 1]}.
     *
     * <p>The graph (the weights) is the same for every export of a model trained on the same rows, but the bytes
     * are not: Tribuo stores the model's provenance twice, in the metadata entry {@code TRIBUO_PROVENANCE} and as
     * the model's doc string, and it holds the time of training ({@code trained-at}) and of reading the rows, the
     * JVM version and the operating system beside the trainer's settings. Compare models by their predictions (or
     * their graphs), not by the bytes of their files.
     */
    public byte[] onnx(long modelVersion) {
        return model.exportONNXModel(ONNX_DOMAIN, modelVersion).toByteArray();
    }
}
