package dev.meshshop.platform.storage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The forms a data product takes at an output port (docs/adr/0027). Every port publishes its relation as a Parquet
 * table, checked against its contract; a report and a model publish files beside it.
 */
public enum ProductForm {
    /** Rows to query: the table is the product. */
    DATASET("dataset"),
    /** Figures and charts for people: the table holds the figures, the files render them (PDF, HTML). */
    REPORT("report"),
    /** A trained model: the table holds its evaluation, the files the model (ONNX) and its card. */
    MODEL("model");

    private final String label;

    ProductForm(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static ProductForm of(String label) {
        return Arrays.stream(values())
                .filter(form -> form.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown product form '" + label + "'; use one of "
                        + Arrays.stream(values()).map(ProductForm::label).collect(Collectors.joining(", "))));
    }
}
