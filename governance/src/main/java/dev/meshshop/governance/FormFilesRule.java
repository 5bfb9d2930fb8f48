package dev.meshshop.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.storage.ProductDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Every output port of the form {@code form} lists {@code files} among the files each of its snapshots publishes
 * (the port's custom property {@code files}, ADR 27); the publisher then refuses a snapshot without them. A model's
 * card is such a file: it says what the model reads, what it learned from and how well it did.
 */
record FormFilesRule(String form, List<String> files) implements Rule {

    FormFilesRule {
        Objects.requireNonNull(form, "a form-files rule names the form it is for: report or model");
        files = files == null ? List.of() : List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a form-files rule names at least one file a " + form + " must list");
        }
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        var violations = new ArrayList<Violation>();
        JsonNode ports = product.descriptor().path("outputPorts");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            String portForm = ProductDescriptor.customProperty(port, ProductDescriptor.FORM)
                    .map(JsonNode::asText)
                    .orElse("dataset");
            if (!portForm.equals(form)) {
                continue;
            }
            // read as the platform reads it, so that the policy and the publisher agree on what a port lists
            var listed = ProductDescriptor.customProperty(port, ProductDescriptor.FILES)
                    .map(ProductDescriptor::names)
                    .orElse(List.of());
            var missing = files.stream().filter(file -> !listed.contains(file)).toList();
            if (!missing.isEmpty()) {
                violations.add(new Violation(
                        "outputPorts[" + i + "]." + ProductDescriptor.FILES,
                        "output port " + port.path("name").asText() + " is a " + form + " and does not list "
                                + String.join(", ", missing) + " among the files it publishes (it lists "
                                + listed + ")"));
            }
        }
        return violations;
    }
}
