package dev.meshshop.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshshop.platform.contracts.lint.LintFinding;
import dev.meshshop.platform.contracts.lint.ProductDescriptorLinter;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The descriptor is a data product in the Open Data Product Standard v1.0.0 (as {@link ProductDescriptorLinter}
 * checks it), says the mesh's kind of product in the custom property {@code productKind}, and names each output
 * port's contract as the contract names itself: {@code contractId} its id and {@code version} its version, the
 * product's {@code version} being that of its newest port. Each violation comes with its own fix.
 */
record ProductStandardRule() implements Rule {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    public List<Violation> check(GovernedProduct product) {
        JsonNode descriptor = product.descriptor();
        String text;
        try {
            text = YAML.writeValueAsString(descriptor);
        } catch (JsonProcessingException e) {
            return List.of(new Violation("", "the descriptor cannot be read: " + e.getOriginalMessage()));
        }
        var violations = new ArrayList<Violation>();
        ProductDescriptorLinter.lint(text, "descriptor.yaml").errors().stream()
                .map(ProductStandardRule::violation)
                .forEach(violations::add);
        checkKind(descriptor, violations);
        String newest = null;
        JsonNode ports = descriptor.path("outputPorts");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            JsonNode contract = product.port(port.path("name").asText(""))
                    .map(GovernedProduct.Port::contract)
                    .orElse(null);
            if (contract == null || !contract.isObject()) {
                continue; // a missing or unreadable contract is parquet-output-ports' to report
            }
            String field = "outputPorts[" + i + "]";
            String id = contract.path("id").asText("");
            String version = contract.path("version").asText("");
            if (!id.equals(port.path("contractId").asText())) {
                violations.add(new Violation(
                        field + ".contractId",
                        "output port " + port.path("name").asText() + " has contractId '"
                                + port.path("contractId").asText("") + "', but its contract's id is '" + id + "'",
                        "write contractId: " + id));
            }
            if (!version.equals(port.path("version").asText())) {
                violations.add(new Violation(
                        field + ".version",
                        "output port " + port.path("name").asText() + " has version '"
                                + port.path("version").asText("") + "', but its contract's version is '" + version
                                + "'",
                        "write version: " + version + " (a port's version is its contract's)"));
            }
            if (newest == null || compareVersions(version, newest) > 0) {
                newest = version;
            }
        }
        if (newest != null
                && descriptor.has("version")
                && !newest.equals(descriptor.path("version").asText())) {
            violations.add(new Violation(
                    "version",
                    "the product has version '" + descriptor.path("version").asText()
                            + "', but its newest output port has version '" + newest + "'",
                    "write version: " + newest));
        }
        return violations;
    }

    private static void checkKind(JsonNode descriptor, List<Violation> violations) {
        String kinds =
                Arrays.stream(ProductKind.values()).map(ProductKind::label).collect(Collectors.joining(", "));
        var kind = ProductDescriptor.customProperty(descriptor, ProductDescriptor.PRODUCT_KIND);
        if (kind.isEmpty()) {
            violations.add(new Violation(
                    "customProperties",
                    "the descriptor does not say the product's kind in the mesh",
                    "add to customProperties: {property: " + ProductDescriptor.PRODUCT_KIND + ", value: <" + kinds
                            + ">}"));
        } else if (Arrays.stream(ProductKind.values())
                .noneMatch(known -> known.label().equals(kind.get().asText()))) {
            violations.add(new Violation(
                    "customProperties",
                    "'" + kind.get().asText() + "' is not a kind of product in the mesh",
                    "write one of " + kinds + " as the value of " + ProductDescriptor.PRODUCT_KIND));
        }
    }

    private static Violation violation(LintFinding finding) {
        String field = finding.path().equals("(descriptor)") ? "" : finding.path();
        return new Violation(field, finding.message(), finding.fix());
    }

    /** Semantic versions compared by their numbers, major first. */
    private static int compareVersions(String a, String b) {
        String[] left = a.split("[.-]");
        String[] right = b.split("[.-]");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int order = left[i].matches("\\d+") && right[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(left[i]), Long.parseLong(right[i]))
                    : left[i].compareTo(right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
