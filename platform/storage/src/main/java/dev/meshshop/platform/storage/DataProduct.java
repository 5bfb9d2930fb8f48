package dev.meshshop.platform.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A data product as its owning domain defines it in code: the descriptor and, per output port, the text of
 * its ODCS contract. Products live as resource folders, {@code mesh/<domain>/products/<name>/}, holding
 * {@code descriptor.yaml} and the contract files it names.
 */
public record DataProduct(ProductDescriptor descriptor, String descriptorYaml, List<Port> ports) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .findAndRegisterModules();

    public ProductId id() {
        return descriptor.productId();
    }

    /**
     * Loads the product in the resource folder {@code folder} (for example {@code mesh/checkout/products/orders}).
     */
    public static DataProduct fromClasspath(String folder, ClassLoader loader) {
        String descriptorYaml = resource(loader, folder + "/descriptor.yaml");
        ProductDescriptor descriptor;
        try {
            descriptor = ProductDescriptor.read(descriptorYaml);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "The descriptor " + folder + "/descriptor.yaml is not valid: " + e.getMessage(), e);
        }
        var ports = descriptor.outputPorts().stream()
                .map(port -> Port.of(port, resource(loader, folder + "/" + port.contract()), folder))
                .toList();
        return new DataProduct(descriptor, descriptorYaml, ports);
    }

    /**
     * This product without the output ports whose contract says they are retired at {@code now} (ADR 23): what its
     * domain publishes from then on. The product itself when none is.
     */
    public DataProduct servedAt(java.time.Instant now) {
        var served = ports.stream()
                .filter(port ->
                        ProductVersions.Lifecycle.of(port.contractYaml()).stateAt(now) != ProductVersions.State.RETIRED)
                .toList();
        return served.size() == ports.size() ? this : new DataProduct(descriptor, descriptorYaml, served);
    }

    /**
     * Whether this product waits for an optional input port whose product {@code mesh} has not published yet (ADR
     * 27): its domain leaves it out of a refresh until then, and the domain's other products go on.
     */
    public boolean waitsFor(MeshDirectory mesh) {
        return descriptor.inputPorts().stream()
                .anyMatch(port -> port.optional()
                        && mesh.find(ProductId.parse(port.product()), port.major())
                                .isEmpty());
    }

    private static String resource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("The resource " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the resource " + path, e);
        }
    }

    /** An output port with its contract text and the contract's version. */
    public record Port(ProductDescriptor.OutputPort outputPort, String contractYaml, String contractVersion) {

        /** The major version of the contract, which names the port's folder: {@code v<major>}. */
        public int major() {
            return Integer.parseInt(contractVersion.substring(0, contractVersion.indexOf('.')));
        }

        static Port of(ProductDescriptor.OutputPort outputPort, String contractYaml, String folder) {
            JsonNode contract;
            try {
                contract = YAML.readTree(contractYaml);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "The contract " + folder + "/" + outputPort.contract() + " is not valid YAML: "
                                + e.getMessage(),
                        e);
            }
            String version = contract.path("version").asText("");
            if (!version.matches("\\d+\\.\\d+\\.\\d+.*")) {
                throw new IllegalArgumentException("The contract " + folder + "/" + outputPort.contract()
                        + " needs a semantic version such as 1.0.0, found '" + version + "'");
            }
            return new Port(outputPort, contractYaml, version);
        }
    }
}
