package dev.meshshop.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every topic of the product's domain, and every topic a contract describes ({@code physicalType: topic}),
 * is named after {@code pattern}; {@code {domain}} stands for the product's domain.
 */
record TopicNamesRule(String pattern) implements Rule {

    TopicNamesRule {
        Objects.requireNonNull(pattern, "A topic-names check needs the pattern topic names follow");
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        var expected = Pattern.compile(Rule.forDomain(pattern, product.domain()));
        var violations = new ArrayList<Violation>();
        for (String topic : product.sources().topics()) {
            if (!expected.matcher(topic).matches()) {
                violations.add(new Violation(
                        "topics", "the domain's topic '" + topic + "' does not match " + expected.pattern()));
            }
        }
        for (var port : product.ports()) {
            for (JsonNode object : port.contract().path("schema")) {
                String topic = object.path("physicalName").asText("");
                if ("topic".equalsIgnoreCase(object.path("physicalType").asText())
                        && !expected.matcher(topic).matches()) {
                    violations.add(new Violation(
                            object.path("name").asText("") + ".physicalName",
                            "the contract " + port.contractFile() + " describes the topic '" + topic
                                    + "', which does not match " + expected.pattern()));
                }
            }
        }
        return violations;
    }
}
