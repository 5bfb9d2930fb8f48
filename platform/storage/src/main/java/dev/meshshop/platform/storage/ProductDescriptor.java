package dev.meshshop.platform.storage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a domain says about one of its data products: who owns it, what it is, where its data comes from
 * (input ports) and where it is served (output ports). Written by the domain as {@code descriptor.yaml} in the
 * Open Data Product Standard (ODPS) v1.0.0 beside the product's contract, and published with every snapshot.
 *
 * <p>The standard's fields carry what they mean there: {@code team.name} the owner team, {@code
 * description.purpose} the description, an output port's {@code type} its format, an input port's {@code name}
 * the product it reads and its {@code version} the major version it is pinned to ({@code v1}). What only the
 * mesh knows is in the standard's custom properties: the product's {@code productKind}, and an output port's
 * {@code contractFile} (the ODCS file beside the descriptor, whose id is the port's {@code contractId}) and
 * {@code relation}. {@link #read} also reads the descriptors of snapshots published before Mesh Shop wrote them
 * in the standard.
 *
 * <p>This type checks only what the platform needs to publish at all (an id, a kind, output ports with a
 * contract and a relation). What makes a descriptor good enough for the mesh, such as being valid ODPS, an owner
 * team or Parquet output ports, is the governance guild's policies to judge, so that a violation is reported
 * like any other: in the build, at publish and in the catalog.
 */
public record ProductDescriptor(
        String id,
        ProductKind kind,
        String owner,
        String description,
        List<OutputPort> outputPorts,
        List<InputPort> inputPorts) {

    /** The custom property that holds the product's kind in the mesh. */
    public static final String PRODUCT_KIND = "productKind";
    /** The custom property of an output port that names its contract file, relative to the descriptor. */
    public static final String CONTRACT_FILE = "contractFile";
    /** The custom property of an output port that names the relation it publishes. */
    public static final String RELATION = "relation";
    /** The custom property of an output port that says what form the product takes: {@link ProductForm}. */
    public static final String FORM = "form";
    /**
     * The custom property of an output port that names the relation of its artifacts: the files published with its
     * data, one row each, with the columns {@code name}, {@code media_type} and {@code content} (docs/adr/0027).
     */
    public static final String ARTIFACTS = "artifacts";
    /**
     * The custom property of an output port of a report or a model that lists the files every snapshot of it
     * publishes, such as {@code [report.pdf, report.html]}: the publisher refuses a snapshot without one of them, and
     * governance policies can ask for a file by name (a model's card).
     */
    public static final String FILES = "files";
    /**
     * The custom property of an input port that says its domain does not wait for it: until the product is
     * published, the products that read it are left out of the domain's refreshes, and the others go on.
     */
    public static final String OPTIONAL = "optional";

    private static final Pattern PINNED_MAJOR = Pattern.compile("v?([0-9]+)(\\..*)?");

    public ProductDescriptor {
        Objects.requireNonNull(id, "A product descriptor needs an id such as checkout.orders");
        ProductId.parse(id);
        Objects.requireNonNull(
                kind,
                () -> "Product " + id + " needs a kind: the custom property " + PRODUCT_KIND
                        + " with source-aligned, aggregate or consumer-aligned");
        outputPorts = outputPorts == null ? List.of() : List.copyOf(outputPorts);
        inputPorts = inputPorts == null ? List.of() : List.copyOf(inputPorts);
        if (outputPorts.isEmpty()) {
            throw new IllegalArgumentException("Product " + id + " has no output port: add one under outputPorts");
        }
    }

    /**
     * Reads a descriptor in ODPS v1.0.0, or one written before the mesh followed the standard (with {@code owner},
     * a {@code kind} of the mesh and ports with their own fields), as published snapshots may still hold.
     *
     * @throws IllegalArgumentException when the text is not YAML, or lacks what the platform needs
     */
    public static ProductDescriptor read(String yaml) {
        JsonNode root;
        try {
            root = DataProduct.YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a descriptor is a YAML mapping with apiVersion, kind, id...");
        }
        try {
            return fromTree(root);
        } catch (NullPointerException missing) {
            // what the platform needs is missing: the records say what, in the standard's terms
            throw new IllegalArgumentException(missing.getMessage(), missing);
        }
    }

    private static ProductDescriptor fromTree(JsonNode root) {
        boolean standard =
                root.has("apiVersion") || "DataProduct".equals(root.path("kind").asText());
        var outputPorts = new ArrayList<OutputPort>();
        for (JsonNode port : root.path("outputPorts")) {
            outputPorts.add(
                    standard
                            ? new OutputPort(
                                    text(port, "name"),
                                    text(port, "type"),
                                    customProperty(port, CONTRACT_FILE)
                                            .map(JsonNode::asText)
                                            .orElse(null),
                                    customProperty(port, RELATION)
                                            .map(JsonNode::asText)
                                            .orElse(null),
                                    customProperty(port, FORM)
                                            .map(JsonNode::asText)
                                            .map(ProductForm::of)
                                            .orElse(ProductForm.DATASET),
                                    customProperty(port, ARTIFACTS)
                                            .map(JsonNode::asText)
                                            .orElse(null),
                                    customProperty(port, FILES)
                                            .map(ProductDescriptor::names)
                                            .orElse(List.of()))
                            : new OutputPort(
                                    text(port, "name"),
                                    text(port, "format"),
                                    text(port, "contract"),
                                    text(port, "relation")));
        }
        var inputPorts = new ArrayList<InputPort>();
        for (JsonNode port : root.path("inputPorts")) {
            inputPorts.add(
                    standard
                            ? new InputPort(
                                    text(port, "name"),
                                    pinnedMajor(text(port, "version")),
                                    customProperty(port, OPTIONAL)
                                            .map(JsonNode::asBoolean)
                                            .orElse(false))
                            : new InputPort(
                                    text(port, "product"), port.path("major").asInt(0)));
        }
        String kind = standard
                ? customProperty(root, PRODUCT_KIND).map(JsonNode::asText).orElse(null)
                : text(root, "kind");
        return new ProductDescriptor(
                text(root, "id"),
                kind == null ? null : ProductKind.of(kind),
                standard ? text(root.path("team"), "name") : text(root, "owner"),
                standard ? text(root.path("description"), "purpose") : text(root, "description"),
                outputPorts,
                inputPorts);
    }

    /** The value of the custom property {@code property} of a product or one of its ports, if it has it. */
    /** The texts of a list, or of a single text, as a custom property may hold either. */
    public static List<String> names(JsonNode value) {
        var names = new ArrayList<String>();
        if (value.isArray()) {
            value.forEach(item -> names.add(item.asText()));
        } else if (!value.asText().isBlank()) {
            names.add(value.asText());
        }
        return names;
    }

    public static Optional<JsonNode> customProperty(JsonNode element, String property) {
        for (JsonNode entry : element.path("customProperties")) {
            if (property.equals(entry.path("property").asText())) {
                return Optional.of(entry.path("value"));
            }
        }
        return Optional.empty();
    }

    /** The major version an input port's {@code version} pins, such as 1 for {@code v1}; 0 when it pins none. */
    public static int pinnedMajor(String version) {
        var matcher = version == null ? null : PINNED_MAJOR.matcher(version);
        return matcher != null && matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    @JsonIgnore
    public ProductId productId() {
        return ProductId.parse(id);
    }

    /**
     * Where a product is served. {@code relation} is the table or view in the owner's area whose content is
     * published; {@code contract} is the ODCS file, relative to the descriptor, that governs the port. A port of a
     * report or a model ({@code form}) publishes its table as any other (the report's figures, the model's
     * evaluation) and, from the relation {@code artifacts}, the files that make the form (a PDF, an ONNX file).
     */
    public record OutputPort(
            String name,
            String format,
            String contract,
            String relation,
            ProductForm form,
            String artifacts,
            List<String> files) {

        /** A dataset's port: its relation's rows and nothing else. */
        public OutputPort(String name, String format, String contract, String relation) {
            this(name, format, contract, relation, ProductForm.DATASET, null, List.of());
        }

        /** A port of {@code form} that promises no file by name. */
        public OutputPort(
                String name, String format, String contract, String relation, ProductForm form, String artifacts) {
            this(name, format, contract, relation, form, artifacts, List.of());
        }

        public OutputPort {
            format = format == null ? "parquet" : format;
            form = form == null ? ProductForm.DATASET : form;
            files = files == null ? List.of() : List.copyOf(files);
            if (form != ProductForm.DATASET && artifacts == null) {
                throw new IllegalArgumentException("Output port " + name + " is a " + form.label()
                        + " and needs the relation of its files: the custom property " + ARTIFACTS);
            }
            if (form == ProductForm.DATASET && !files.isEmpty()) {
                throw new IllegalArgumentException("Output port " + name + " is a dataset and lists files " + files
                        + ": only a report or a model publishes files (the custom property " + FORM + ")");
            }
            Objects.requireNonNull(
                    contract,
                    () -> "Output port " + name + " needs a contract: the custom property " + CONTRACT_FILE
                            + " naming its .odcs.yaml file");
            Objects.requireNonNull(
                    relation,
                    () -> "Output port " + name + " needs the relation it publishes: the custom property " + RELATION);
        }
    }

    /**
     * A product this product reads, pinned to a major version of its output port. An {@code optional} port does not
     * hold up its domain: see {@link #OPTIONAL}.
     */
    public record InputPort(String product, int major, boolean optional) {

        /** A port its domain waits for. */
        public InputPort(String product, int major) {
            this(product, major, false);
        }
    }
}
