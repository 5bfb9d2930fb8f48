package dev.meshshop.platform.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * What a domain says about one of its data products: who owns it, what it is, where its data comes from
 * (input ports) and where it is served (output ports). Written by the domain as {@code descriptor.yaml}
 * beside the product's contract and published with every snapshot.
 *
 * <p>This type checks only what the platform needs to publish at all (an id, a kind, output ports with a
 * contract and a relation). What makes a descriptor good enough for the mesh, such as an owner team or
 * Parquet output ports, is the governance guild's policies to judge, so that a violation is reported like
 * any other: in the build, at publish and in the catalog.
 */
public record ProductDescriptor(
        String id,
        ProductKind kind,
        String owner,
        String description,
        List<OutputPort> outputPorts,
        List<InputPort> inputPorts) {

    public ProductDescriptor {
        Objects.requireNonNull(id, "A product descriptor needs an id such as checkout.orders");
        ProductId.parse(id);
        Objects.requireNonNull(
                kind, () -> "Product " + id + " needs a kind: source-aligned, aggregate or consumer-aligned");
        outputPorts = outputPorts == null ? List.of() : List.copyOf(outputPorts);
        inputPorts = inputPorts == null ? List.of() : List.copyOf(inputPorts);
        if (outputPorts.isEmpty()) {
            throw new IllegalArgumentException("Product " + id + " has no output port: add one under outputPorts");
        }
    }

    @JsonIgnore
    public ProductId productId() {
        return ProductId.parse(id);
    }

    /**
     * Where a product is served. {@code relation} is the table or view in the owner's area whose content is
     * published; {@code contract} is the ODCS file, relative to the descriptor, that governs the port.
     */
    public record OutputPort(String name, String format, String contract, String relation) {

        public OutputPort {
            format = format == null ? "parquet" : format;
            Objects.requireNonNull(contract, () -> "Output port " + name + " needs a contract (an .odcs.yaml file)");
            Objects.requireNonNull(relation, () -> "Output port " + name + " needs the relation it publishes");
        }
    }

    /** A product this product reads, pinned to a major version of its output port. */
    public record InputPort(String product, int major) {}
}
