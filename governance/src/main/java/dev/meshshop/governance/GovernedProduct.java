package dev.meshshop.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.ProductDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A data product as policies see it: the descriptor and contracts as written (read as plain YAML, so that a
 * product the platform would refuse to load can still be told what is wrong with it), the domain's SQL models
 * and topics, and, when there is one, the Parquet data about to be published, the contract published last and
 * the grants its domain holds.
 *
 * @param domain the domain that owns the product, from where the product lives rather than from what it claims
 * @param folder where the product was read from, for messages
 * @param descriptor the descriptor as a YAML tree
 * @param grants what the product's domain may read of other domains' products, when it is known: at publish the
 *     mesh's access requests; in a build what the test hands in with {@link #withGrants}
 */
public record GovernedProduct(
        String domain,
        String folder,
        JsonNode descriptor,
        List<Port> ports,
        DomainSources sources,
        Optional<AccessCheck> grants) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern PRODUCT_FOLDER = Pattern.compile("mesh/([^/]+)/products/[^/]+/?");

    public GovernedProduct {
        ports = List.copyOf(ports);
    }

    /** A product whose domain's grants are not known, as in a build that does not state them. */
    public GovernedProduct(String domain, String folder, JsonNode descriptor, List<Port> ports, DomainSources sources) {
        this(domain, folder, descriptor, ports, sources, Optional.empty());
    }

    /** This product, judged against what {@code grants} lets its domain read. */
    public GovernedProduct withGrants(AccessCheck grants) {
        return new GovernedProduct(domain, folder, descriptor, ports, sources, Optional.of(grants));
    }

    /**
     * An output port with what policies need of it.
     *
     * @param name the port's name in the descriptor
     * @param contractFile the contract file the descriptor names, relative to it
     * @param contractYaml the contract's text, empty if the file is missing
     * @param previousContractYaml the contract this port was last published under, if it was
     * @param data the Parquet data about to be published, if policies are to look at data
     */
    public record Port(
            String name,
            String contractFile,
            Optional<String> contractYaml,
            Optional<String> previousContractYaml,
            Optional<Path> data) {

        /** The contract as a YAML tree; a missing node when there is none or it is not YAML. */
        public JsonNode contract() {
            return contractYaml.map(GovernedProduct::tree).orElse(MissingNode.getInstance());
        }

        public Port withPreviousContract(String yaml) {
            return new Port(name, contractFile, contractYaml, Optional.of(yaml), data);
        }

        public Port withData(Path parquet) {
            return new Port(name, contractFile, contractYaml, previousContractYaml, Optional.of(parquet));
        }
    }

    /** The product's id as its descriptor states it, or its folder when it states none. */
    public String id() {
        String id = descriptor.path("id").asText("");
        return id.isBlank() ? folder : id;
    }

    public Optional<Port> port(String name) {
        return ports.stream().filter(port -> port.name().equals(name)).findFirst();
    }

    /** This product with {@code port} in place of the port of the same name. */
    public GovernedProduct with(Port port) {
        var replaced = new ArrayList<Port>();
        for (Port existing : ports) {
            replaced.add(existing.name().equals(port.name()) ? port : existing);
        }
        return new GovernedProduct(domain, folder, descriptor, replaced, sources, grants);
    }

    /**
     * Reads the product in the resource folder {@code mesh/<domain>/products/<name>}: its descriptor and every
     * contract the descriptor names. Nothing is validated here; that is what the policies are for.
     */
    public static GovernedProduct fromClasspath(String folder, DomainSources sources, ClassLoader loader) {
        var matcher = PRODUCT_FOLDER.matcher(folder);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "A product folder is mesh/<domain>/products/<name>, such as mesh/checkout/products/orders; found "
                            + folder);
        }
        String base = folder.endsWith("/") ? folder : folder + "/";
        JsonNode descriptor = tree(DomainSources.read(base + "descriptor.yaml", loader));
        var ports = new ArrayList<Port>();
        for (JsonNode port : descriptor.path("outputPorts")) {
            String contract = contractFile(port);
            Optional<String> text = contract.isBlank() || loader.getResource(base + contract) == null
                    ? Optional.empty()
                    : Optional.of(DomainSources.read(base + contract, loader));
            ports.add(new Port(port.path("name").asText(""), contract, text, Optional.empty(), Optional.empty()));
        }
        return new GovernedProduct(matcher.group(1), folder, descriptor, ports, sources);
    }

    /**
     * A product the platform loaded and {@code publisher} is about to publish: policies judge it as that domain's,
     * whatever its id claims.
     */
    public static GovernedProduct of(DataProduct product, String publisher, DomainSources sources) {
        var ports = product.ports().stream()
                .map(port -> new Port(
                        port.outputPort().name(),
                        port.outputPort().contract(),
                        Optional.of(port.contractYaml()),
                        Optional.empty(),
                        Optional.empty()))
                .toList();
        return new GovernedProduct(publisher, product.id().toString(), tree(product.descriptorYaml()), ports, sources);
    }

    /** The contract file an output port of the descriptor names (its custom property), or "" when none. */
    static String contractFile(JsonNode outputPort) {
        return ProductDescriptor.customProperty(outputPort, ProductDescriptor.CONTRACT_FILE)
                .map(value -> value.asText(""))
                .orElse("");
    }

    /** The relation an output port of the descriptor publishes (its custom property), or "" when none. */
    static String relation(JsonNode outputPort) {
        return ProductDescriptor.customProperty(outputPort, ProductDescriptor.RELATION)
                .map(value -> value.asText(""))
                .orElse("");
    }

    static JsonNode tree(String yaml) {
        try {
            JsonNode node = YAML.readTree(yaml);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
