package dev.meshshop.governance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every property of every contract object (nested ones included) must have {@code field}, not blank; when
 * {@code names} is given, only properties whose name it matches (case-insensitively, anywhere in the name).
 */
record PropertiesRule(String field, String names) implements Rule {

    PropertiesRule {
        Objects.requireNonNull(field, "A properties check needs the field each property must have");
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        var selected = names == null ? null : Pattern.compile(names, Pattern.CASE_INSENSITIVE);
        var violations = new ArrayList<Violation>();
        for (var port : product.ports()) {
            for (JsonNode object : port.contract().path("schema")) {
                walk(object.path("name").asText(""), object.path("properties"), selected, port, violations);
            }
        }
        return violations;
    }

    private void walk(
            String parent,
            JsonNode properties,
            Pattern selected,
            GovernedProduct.Port port,
            List<Violation> violations) {
        for (JsonNode property : properties) {
            String name = property.path("name").asText("");
            String path = parent + "." + name;
            if ((selected == null || selected.matcher(name).find()) && FieldRule.isBlank(property.path(field))) {
                violations.add(new Violation(
                        path, "the property " + path + " of the contract " + port.contractFile() + " has no " + field));
            }
            walk(path, property.path("properties"), selected, port, violations);
            if (property.has("items")) {
                walk(path + ".items", property.path("items").path("properties"), selected, port, violations);
            }
        }
    }
}
