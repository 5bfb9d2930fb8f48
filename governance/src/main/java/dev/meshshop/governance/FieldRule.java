package dev.meshshop.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A field of the descriptor or of every contract must be present and not blank, and match {@code pattern}
 * when one is given. The path separates fields with dots; {@code name[]} stands for every element of a list,
 * so {@code inputPorts[].major} checks each input port (and nothing when there are none). {@code {domain}} in
 * the pattern stands for the product's domain.
 */
record FieldRule(Document document, String path, String pattern) implements Rule {

    enum Document {
        DESCRIPTOR,
        CONTRACT;

        @JsonCreator
        static Document of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    FieldRule {
        Objects.requireNonNull(document, "A field check needs a document: descriptor or contract");
        Objects.requireNonNull(path, "A field check needs the path of the field, such as description.purpose");
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        var violations = new ArrayList<Violation>();
        if (document == Document.DESCRIPTOR) {
            violations.addAll(check(product.descriptor(), "the descriptor", product.domain()));
        } else {
            for (var port : product.ports()) {
                if (port.contractYaml().isPresent()) {
                    violations.addAll(check(port.contract(), "the contract " + port.contractFile(), product.domain()));
                }
            }
        }
        return violations;
    }

    private List<Violation> check(JsonNode root, String where, String domain) {
        var violations = new ArrayList<Violation>();
        var expected = pattern == null ? null : Pattern.compile(Rule.forDomain(pattern, domain));
        for (var field : resolve(root, path)) {
            if (isBlank(field.node())) {
                violations.add(new Violation(field.path(), where + " has no " + field.path()));
            } else if (expected != null
                    && !expected.matcher(field.node().asText()).matches()) {
                violations.add(new Violation(
                        field.path(),
                        where + " has " + field.path() + " '" + field.node().asText() + "', which does not match "
                                + expected.pattern()));
            }
        }
        return violations;
    }

    /** A field found at a concrete path, such as {@code inputPorts[0].major}; its node may be missing. */
    record Located(String path, JsonNode node) {}

    static List<Located> resolve(JsonNode root, String path) {
        var found = List.of(new Located("", root));
        for (String segment : path.split("\\.")) {
            boolean each = segment.endsWith("[]");
            String name = each ? segment.substring(0, segment.length() - 2) : segment;
            var next = new ArrayList<Located>();
            for (var parent : found) {
                String prefix = parent.path().isEmpty() ? name : parent.path() + "." + name;
                JsonNode child = parent.node().path(name);
                if (!each) {
                    next.add(new Located(prefix, child));
                } else {
                    for (int i = 0; i < child.size(); i++) {
                        next.add(new Located(prefix + "[" + i + "]", child.get(i)));
                    }
                }
            }
            found = next;
        }
        return found;
    }

    static boolean isBlank(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return true;
        }
        return node.isContainerNode() ? node.isEmpty() : node.asText().isBlank();
    }
}
