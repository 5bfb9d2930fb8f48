package dev.meshshop.governance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.contracts.lint.ContractLinter;
import dev.meshshop.platform.contracts.lint.LintFinding;
import dev.meshshop.platform.storage.ProductDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The product has output ports, each in {@code format} (its {@code type} in the descriptor, the platform's default
 * when the descriptor leaves it out) and each with a contract file that exists and is valid ODCS.
 */
record OutputPortsRule(String format) implements Rule {

    OutputPortsRule {
        Objects.requireNonNull(format, "An output-ports check needs the format every port must have");
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        JsonNode declared = product.descriptor().path("outputPorts");
        if (declared.isEmpty()) {
            return List.of(new Violation("outputPorts", "the product has no output port"));
        }
        var violations = new ArrayList<Violation>();
        for (int i = 0; i < declared.size(); i++) {
            JsonNode port = declared.get(i);
            String name = port.path("name").asText("");
            String field = "outputPorts[" + i + "]";
            String actual = port.path("type").asText(format);
            if (!actual.equals(format)) {
                violations.add(new Violation(
                        field + ".type", "output port " + name + " is served as " + actual + ", not " + format));
            }
            String contract = GovernedProduct.contractFile(port);
            var text = product.port(name).flatMap(GovernedProduct.Port::contractYaml);
            if (contract.isBlank()) {
                violations.add(new Violation(
                        field + ".customProperties",
                        "output port " + name + " names no contract file (the custom property "
                                + ProductDescriptor.CONTRACT_FILE + ")"));
            } else if (text.isEmpty()) {
                violations.add(new Violation(
                        field + ".customProperties",
                        "output port " + name + " names the contract " + contract
                                + ", which is not beside the descriptor"));
            } else {
                var errors = ContractLinter.lint(text.get(), contract).findings().stream()
                        .filter(LintFinding::isError)
                        .toList();
                if (!errors.isEmpty()) {
                    violations.add(new Violation(
                            field + ".customProperties",
                            "the contract " + contract + " of output port " + name + " is not valid ODCS: "
                                    + errors.get(0)
                                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")));
                }
            }
        }
        return violations;
    }
}
