package dev.meshshop.platform.storage;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of data product a mesh distinguishes. */
public enum ProductKind {
    /** Close to one domain's operational events, cleaned and modelled by the domain that owns them. */
    SOURCE_ALIGNED("source-aligned"),
    /** Combines several products into a new one, owned by the domain that builds it. */
    AGGREGATE("aggregate"),
    /** Shaped for one use case of a consuming domain. */
    CONSUMER_ALIGNED("consumer-aligned");

    private final String label;

    ProductKind(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static ProductKind of(String label) {
        return Arrays.stream(values())
                .filter(kind -> kind.label.equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown product kind '" + label + "'; use one of "
                        + Arrays.stream(values()).map(ProductKind::label).collect(Collectors.joining(", "))));
    }
}
