package dev.meshshop.platform.contracts.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * Checks the structure of a document against Mesh Shop's JSON Schema of a Bitol standard and turns the
 * validator's errors into findings that say what to change: ODCS v3 for contracts ({@code odcs-v3.schema.json}),
 * ODPS v1.0 for product descriptors ({@code odps-v1.schema.json}).
 */
final class SchemaValidation {

    static final String RULE = "structure";

    /** Data contracts, ODCS v3.0.x and v3.1.0. */
    static final SchemaValidation ODCS = new SchemaValidation(
            "odcs-v3.schema.json",
            "ODCS",
            "v3.0.0 to v3.1.0",
            "write apiVersion: v3.1.0 if the contract uses nothing newer",
            Map.of());

    /**
     * Data product descriptors, ODPS v1.0.0, with the fix for each field of the descriptors Mesh Shop wrote
     * before it followed the standard.
     */
    static final SchemaValidation ODPS = new SchemaValidation(
            "odps-v1.schema.json",
            "ODPS",
            "v1.0.0",
            "write apiVersion: v1.0.0",
            Map.of(
                    "owner", "name the owner team in team.name (team: {name: <domain>-team})",
                    "format", "write the port's format as type, such as type: parquet",
                    "contract",
                            "name the port's ODCS contract by its id in contractId, and its file in the custom"
                                    + " property contractFile",
                    "relation", "name the relation it publishes in the custom property relation",
                    "product", "write the product an input port reads as its name, such as name: checkout.orders",
                    "major", "write the major version an input port reads as its version, such as version: v1",
                    "/kind",
                            "write kind: DataProduct, and the product's kind in the mesh (source-aligned, aggregate or"
                                    + " consumer-aligned) as the custom property productKind",
                    "/description", "write description as an object: description: {purpose: <what it holds>}"));

    private static final Set<String> UNKNOWN_FIELD =
            Set.of("additionalProperties", "unevaluatedProperties", "propertyNames");

    private final JsonNode schemaNode;
    private final Schema schema;
    /** Every field name the standard defines somewhere, for "did you mean" hints. */
    private final Set<String> fieldNames;

    private final String standard;
    private final String versions;
    private final String versionFix;
    /**
     * How to write a field the standard does not define (by its name), or a value it does not allow (by its
     * pointer), where the mesh knows a better fix than the generic one.
     */
    private final Map<String, String> fieldFixes;

    private SchemaValidation(
            String resource, String standard, String versions, String versionFix, Map<String, String> fieldFixes) {
        this.schemaNode = readSchema(resource);
        this.schema = compile(schemaNode);
        this.fieldNames = fieldNames(schemaNode);
        this.standard = standard;
        this.versions = versions;
        this.versionFix = versionFix;
        this.fieldFixes = fieldFixes;
    }

    void validate(YamlDocument document, Findings findings) {
        List<Error> errors = schema.validate(document.root());
        List<String> pointers = errors.stream().map(SchemaValidation::pointerOf).toList();
        for (Error error : errors) {
            if (!isConsequenceOfDeeperError(error, pointers)) {
                report(error, pointerOf(error), document.root(), findings);
            }
        }
    }

    /**
     * When a nested element is invalid, the branch of the schema that allows it fails too, and the validator then
     * also calls the field holding it unknown. Only the nested error is worth reporting.
     */
    private static boolean isConsequenceOfDeeperError(Error error, List<String> pointers) {
        if (!UNKNOWN_FIELD.contains(error.getKeyword())) {
            return false;
        }
        String field = YamlDocument.child(pointerOf(error), error.getProperty()) + "/";
        return pointers.stream().anyMatch(pointer -> pointer.startsWith(field));
    }

    private void report(Error error, String pointer, JsonNode root, Findings findings) {
        switch (error.getKeyword()) {
            case "required" -> {
                String field = error.getProperty();
                findings.error(RULE, pointer, "missing required field '" + field + "'", "add " + field + ": <value>");
            }
            case "additionalProperties", "unevaluatedProperties", "propertyNames" ->
                unknownField(error.getProperty(), pointer, root, findings);
            case "type" -> {
                Object[] arguments = error.getArguments();
                String found = String.valueOf(arguments[0]);
                String expected = String.valueOf(arguments[1]);
                findings.error(
                        RULE,
                        pointer,
                        "is " + article(found) + ", expected " + article(expected),
                        fieldFixes.getOrDefault(pointer, typeFix(found, expected)));
            }
            case "enum", "const" -> {
                String value = text(error.getInstanceNode());
                if (pointer.equals("/apiVersion")) {
                    findings.error(
                            RULE,
                            pointer,
                            "'" + value + "' is not a version of " + standard + " this linter reads (" + versions + ")",
                            versionFix);
                    return;
                }
                List<String> allowed = allowedValues(error.getSchemaNode());
                if (fieldFixes.containsKey(pointer)) {
                    findings.error(
                            RULE,
                            pointer,
                            "'" + value + "' is not one of " + String.join(", ", allowed),
                            fieldFixes.get(pointer));
                    return;
                }
                findings.error(
                        RULE,
                        pointer,
                        "'" + value + "' is not one of " + String.join(", ", allowed),
                        closest(value, allowed)
                                .map(match -> "did you mean '" + match + "'?")
                                .orElse("use one of " + String.join(", ", allowed)));
            }
            case "format" -> {
                String format = error.getSchemaNode().asText();
                findings.error(
                        RULE,
                        pointer,
                        "'" + text(error.getInstanceNode()) + "' is not a valid " + format,
                        format.equals("date")
                                ? "write the date as \"yyyy-MM-dd\""
                                : "write an ISO 8601 date-time such as \"2025-05-01T10:00:00Z\"");
            }
            case "pattern" ->
                findings.error(
                        RULE, pointer, "'" + text(error.getInstanceNode()) + "' is not well formed", patternFix(error));
            case "minItems", "maxItems", "uniqueItems" ->
                findings.error(
                        RULE,
                        pointer,
                        error.getMessage(),
                        pointer.contains("Between")
                                ? "give two different numbers, the smallest first, such as [100, 120]"
                                : "see the standard for the number of items this list takes");
            default -> findings.error(RULE, pointer, error.getMessage(), "see the standard's definition of this field");
        }
    }

    private static String pointerOf(Error error) {
        String pointer = error.getInstanceLocation().toString();
        return pointer.equals("/") ? "" : pointer;
    }

    /** A field the standard does not allow at this place: say why, and what would be allowed. */
    private void unknownField(String field, String pointer, JsonNode root, Findings findings) {
        String at = YamlDocument.child(pointer, field);
        JsonNode parent = root.at(pointer);
        if (pointer.endsWith("/logicalTypeOptions")) {
            String logicalType = root.at(pointer.substring(0, pointer.lastIndexOf('/')))
                    .path("logicalType")
                    .asText(null);
            if (logicalType != null) {
                List<String> options = optionsOf(logicalType);
                findings.error(
                        RULE,
                        at,
                        "'" + field + "' is not an option of logicalType " + logicalType,
                        options.isEmpty()
                                ? "remove it: logicalType " + logicalType + " has no options"
                                : "remove it; the options of " + logicalType + " are " + String.join(", ", options));
                return;
            }
        }
        if (pointer.matches("/servers/\\d+") && parent.path("type").isTextual()) {
            findings.error(
                    RULE,
                    at,
                    "'" + field + "' is not a field of a " + parent.path("type").asText() + " server",
                    "remove it, or keep it as a customProperties entry");
            return;
        }
        switch (field) {
            case "items" ->
                findings.error(RULE, at, "only an array has items", "set logicalType: array, or remove items");
            case "properties" ->
                findings.error(
                        RULE,
                        at,
                        "only an object has nested properties",
                        "set logicalType: object, or remove the nested properties");
            default ->
                findings.error(
                        RULE,
                        at,
                        fieldNames.contains(field)
                                ? "'" + field + "' is a field of the standard, but not of this element"
                                : "'" + field + "' is not a field the standard defines",
                        fieldFixes.containsKey(field)
                                ? fieldFixes.get(field)
                                : closest(field, fieldNames)
                                        .filter(match -> !fieldNames.contains(field))
                                        .map(match -> "did you mean '" + match + "'? Otherwise remove it")
                                        .orElse("remove it, or keep it as a customProperties entry (property: " + field
                                                + ", value: ...)"));
        }
    }

    /** The logicalTypeOptions the schema allows for a logical type, such as minLength for string. */
    private List<String> optionsOf(String logicalType) {
        String definition =
                switch (logicalType) {
                    case "timestamp", "time" -> "timestampOptions";
                    default -> logicalType + "Options";
                };
        List<String> options = new ArrayList<>();
        schemaNode
                .path("$defs")
                .path(definition)
                .path("properties")
                .fieldNames()
                .forEachRemaining(options::add);
        return options;
    }

    private static String typeFix(String found, String expected) {
        if (expected.contains("string") && !found.equals("object") && !found.equals("array")) {
            return "quote the value so that YAML reads it as text, such as \"1.0.0\"";
        }
        return "write " + article(expected) + " here";
    }

    private static String patternFix(Error error) {
        String schemaLocation = String.valueOf(error.getSchemaLocation());
        if (schemaLocation.contains("stableId")) {
            return "ids may use only letters, digits, '_' and '-'";
        }
        if (schemaLocation.contains("referenceText")) {
            return "write object.property, or an id path such as schema/<objectId>/properties/<propertyId>";
        }
        return "make it match the pattern " + error.getSchemaNode().asText();
    }

    private static String article(String type) {
        String words = type.replace("[", "").replace("]", "").replace(",", " or");
        return switch (words.charAt(0)) {
            case 'a', 'e', 'i', 'o', 'u' -> "an " + words;
            default -> "a " + words;
        };
    }

    private static String text(JsonNode node) {
        return node == null ? "null" : node.isValueNode() ? node.asText() : node.toString();
    }

    private static List<String> allowedValues(JsonNode schemaNode) {
        if (schemaNode.isArray()) {
            return StreamSupport.stream(schemaNode.spliterator(), false)
                    .map(JsonNode::asText)
                    .toList();
        }
        return List.of(schemaNode.asText());
    }

    /** The candidate closest to {@code word} in spelling, if it is close enough to be a likely typo. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(candidate -> !candidate.equals(word))
                .filter(candidate ->
                        distance(lower, candidate.toLowerCase(Locale.ROOT)) <= Math.max(1, word.length() / 4))
                .min(Comparator.comparingInt(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT))));
    }

    /** Levenshtein distance: the fewest single-character edits that turn one word into the other. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static JsonNode readSchema(String resource) {
        try (InputStream in = SchemaValidation.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema compile(JsonNode schemaNode) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(true)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
        return registry.getSchema(schemaNode);
    }

    private static Set<String> fieldNames(JsonNode schemaNode) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> pending = new ArrayList<>(List.of(schemaNode));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            JsonNode properties = node.path("properties");
            if (properties.isObject()) {
                properties.fieldNames().forEachRemaining(names::add);
            }
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                pending.add(children.next());
            }
        }
        return names;
    }
}
