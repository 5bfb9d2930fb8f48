package dev.meshshop.platform.ml;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores rows with a regression model published as ONNX, in ONNX Runtime: the consumer's half of a model data
 * product. The rows are named features, placed in the order the model card gives; a feature a row leaves out
 * counts as 0.
 *
 * <p>Rows go through the model in batches, so the native memory a call takes stays bounded however many rows it
 * scores. A scorer may be shared between threads; close it when done.
 */
public final class OnnxScorer implements AutoCloseable {

    /** A larger model is refused before it is read. */
    public static final long MAX_MODEL_BYTES = 64L * 1024 * 1024;

    /** At most this many rows go to ONNX Runtime in one run... */
    static final int MAX_BATCH_ROWS = 10_000;

    /** ...and at most this many input values (16 MB of floats), for wide models. */
    static final long MAX_BATCH_VALUES = 4_000_000;

    private final OrtSession session;
    private final String inputName;
    private final FeatureLayout layout;
    private final int batchRows;
    private volatile boolean closed;

    private OnnxScorer(OrtSession session, String inputName, FeatureLayout layout) {
        this.session = session;
        this.inputName = inputName;
        this.layout = layout;
        this.batchRows = (int) Math.max(1, Math.min(MAX_BATCH_ROWS, MAX_BATCH_VALUES / Math.max(1, layout.width())));
    }

    /** Loads the model in {@code file}; {@code featureOrder} names the model's input columns, in order. */
    public static OnnxScorer load(Path file, List<String> featureOrder) throws IOException {
        long size = Files.size(file);
        if (size > MAX_MODEL_BYTES) {
            throw tooLarge(file.getFileName().toString(), size);
        }
        return load(Files.readAllBytes(file), featureOrder);
    }

    /** Loads the model in {@code onnx}; {@code featureOrder} names the model's input columns, in order. */
    public static OnnxScorer load(byte[] onnx, List<String> featureOrder) {
        if (onnx.length > MAX_MODEL_BYTES) {
            throw tooLarge("The model", onnx.length);
        }
        var layout = new FeatureLayout(featureOrder);
        OrtSession session;
        try (var options = new OrtSession.SessionOptions()) {
            // A linear model is cheap to run; one thread a session leaves the cores to the rest of the node.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            session = environment().createSession(onnx, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException(
                    "These " + onnx.length + " bytes are not an ONNX model ONNX Runtime can load (" + e.getMessage()
                            + "): pass the model file the model's data product publishes.",
                    e);
        }
        try {
            return new OnnxScorer(session, checkedInputName(session, layout), layout);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    /** The features the model takes, in the order of its input columns. */
    public List<String> featureOrder() {
        return layout.order();
    }

    /** The model's prediction for each row, in the order of {@code rows}. */
    public float[] score(List<Map<String, Double>> rows) {
        if (closed) {
            throw new IllegalStateException("This scorer is closed: load the model again to score.");
        }
        var scores = new float[rows.size()];
        if (rows.isEmpty()) {
            return scores;
        }
        int width = layout.width();
        int capacity = Math.min(batchRows, rows.size()) * width;
        // A direct buffer in native order is handed to ONNX Runtime without a copy; one buffer serves every batch.
        FloatBuffer input = ByteBuffer.allocateDirect(capacity * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        var zeros = new float[width];
        for (int start = 0; start < rows.size(); start += batchRows) {
            int count = Math.min(batchRows, rows.size() - start);
            input.clear();
            for (int row = 0; row < count; row++) {
                input.put(zeros);
            }
            for (int row = 0; row < count; row++) {
                int offset = row * width;
                layout.place(
                        rows.get(start + row),
                        start + row,
                        (position, value) -> input.put(offset + position, (float) value));
            }
            input.position(0).limit(count * width);
            run(input, count, width, scores, start);
        }
        return scores;
    }

    private void run(FloatBuffer input, int count, int width, float[] scores, int start) {
        try (var tensor = OnnxTensor.createTensor(environment(), input, new long[] {count, width});
                var result = session.run(Map.of(inputName, tensor))) {
            var output = (OnnxTensor) result.get(0);
            output.getFloatBuffer().get(scores, start, count);
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime could not score rows " + start + " to " + (start + count - 1) + ": " + e.getMessage(),
                    e);
        }
    }

    /** Closes the session; the ONNX Runtime environment is the process's and stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not close the model's session: " + e.getMessage(), e);
        }
    }

    private static String checkedInputName(OrtSession session, FeatureLayout layout) {
        try {
            var inputs = session.getInputInfo();
            if (inputs.size() != 1) {
                throw new IllegalArgumentException("The model has " + inputs.size()
                        + " inputs: OnnxScorer scores models with one input of shape [rows, features].");
            }
            var input = inputs.values().iterator().next();
            if (!(input.getInfo() instanceof TensorInfo tensor)
                    || tensor.type != OnnxJavaType.FLOAT
                    || tensor.getShape().length != 2) {
                throw new IllegalArgumentException("The model's input '" + input.getName() + "' is " + input.getInfo()
                        + ": OnnxScorer scores models that take a float tensor of shape [rows, features].");
            }
            long width = tensor.getShape()[1];
            if (width != layout.width()) {
                throw new IllegalArgumentException("The model takes " + width + " features a row, the feature order"
                        + " names " + layout.width() + ": use the feature order of the model card published with"
                        + " this model.");
            }
            var outputs = session.getOutputInfo();
            if (outputs.size() != 1
                    || !(outputs.values().iterator().next().getInfo() instanceof TensorInfo out)
                    || out.type != OnnxJavaType.FLOAT
                    || out.getShape().length != 2
                    || out.getShape()[1] != 1) {
                throw new IllegalArgumentException("The model's outputs are " + outputs.values()
                        + ": OnnxScorer scores regressions that give one float a row, shape [rows, 1].");
            }
            return input.getName();
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX Runtime cannot describe the model's inputs: " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException tooLarge(String what, long size) {
        return new IllegalArgumentException(String.format(
                Locale.ROOT,
                "%s is %,d bytes, more than the %,d a model may have: a linear regression needs far less, so check"
                        + " that this is the model file.",
                what,
                size,
                MAX_MODEL_BYTES));
    }

    private static OrtEnvironment environment() {
        // One environment a process: ONNX Runtime owns it, and no scorer closes it.
        return OrtEnvironment.getEnvironment();
    }

    private static void closeQuietly(OrtSession session, RuntimeException cause) {
        try {
            session.close();
        } catch (OrtException e) {
            cause.addSuppressed(e);
        }
    }
}
