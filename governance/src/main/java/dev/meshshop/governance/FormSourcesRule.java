package dev.meshshop.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.storage.ProductDescriptor;
import java.util.List;
import java.util.Set;

/**
 * A product with an output port of one of {@code forms} (a report, a model: ADR 27) names the products it is made
 * of as input ports: a reader of a report or a user of a model can then tell where its figures or its training data
 * came from, and their owners who relies on them.
 */
record FormSourcesRule(Set<String> forms) implements Rule {

    FormSourcesRule {
        forms = forms == null || forms.isEmpty() ? Set.of("report", "model") : Set.copyOf(forms);
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        JsonNode ports = product.descriptor().path("outputPorts");
        for (int i = 0; i < ports.size(); i++) {
            String form = ProductDescriptor.customProperty(ports.get(i), ProductDescriptor.FORM)
                    .map(JsonNode::asText)
                    .orElse("dataset");
            if (forms.contains(form) && product.descriptor().path("inputPorts").isEmpty()) {
                return List.of(new Violation(
                        "inputPorts",
                        "output port " + ports.get(i).path("name").asText() + " is a " + form
                                + ", and the product names no input port it is made of"));
            }
        }
        return List.of();
    }
}
