package dev.meshshop.platform.contracts.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.contracts.lint.LintFinding.Severity;
import dev.meshshop.platform.contracts.model.Metric;
import dev.meshshop.platform.contracts.model.Operator;
import dev.meshshop.platform.contracts.model.SlaProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules of the standard that its JSON Schema does not express: names are unique, primary key positions
 * agree, each quality rule has one operator, metrics get the arguments and units they need, SLA durations have
 * time units and their elements exist.
 *
 * <p>A contract that breaks the standard or contradicts itself gets an error. A contract that is valid but
 * cannot be tested as written, or uses a deprecated form, gets a warning.
 */
final class SemanticRules {

    static final String DUPLICATE_KEY = "duplicate-key";
    static final String DUPLICATE_NAME = "duplicate-name";
    static final String PRIMARY_KEY = "primary-key";
    static final String LOGICAL_TYPE_OPTIONS = "logical-type-options";
    static final String QUALITY_OPERATOR = "quality-operator";
    static final String QUALITY_METRIC = "quality-metric";
    static final String QUALITY_UNIT = "quality-unit";
    static final String SLA_UNIT = "sla-unit";
    static final String SLA_ELEMENT = "sla-element";
    static final String RELATIONSHIP = "relationship";
    static final String TOPIC = "topic";
    static final String VERSION = "version";
    static final String DEPRECATED = "deprecated";

    private static final Pattern SEMANTIC_VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+].*)?");
    private static final List<String> OPERATORS =
            Arrays.stream(Operator.values()).map(Operator::odcsName).toList();
    private static final Map<Metric, Set<String>> METRIC_ARGUMENTS = Map.of(
            Metric.NULL_VALUES, Set.of(),
            Metric.MISSING_VALUES, Set.of("missingValues"),
            Metric.INVALID_VALUES, Set.of("validValues", "pattern"),
            Metric.DUPLICATE_VALUES, Set.of("properties"),
            Metric.ROW_COUNT, Set.of());

    private final YamlDocument document;
    private final Findings findings;
    private final boolean v31;

    private SemanticRules(YamlDocument document, Findings findings) {
        this.document = document;
        this.findings = findings;
        this.v31 = "v3.1.0".equals(document.root().path("apiVersion").asText());
    }

    static void check(YamlDocument document, Findings findings) {
        new SemanticRules(document, findings).checkContract(document.root());
    }

    /** Every key written twice in one mapping of the document, which YAML readers resolve silently. */
    static void checkDuplicateKeys(YamlDocument document, Findings findings) {
        for (YamlDocument.DuplicateKey duplicate : document.duplicateKeys()) {
            findings.add(
                    Severity.ERROR,
                    DUPLICATE_KEY,
                    duplicate.pointer(),
                    duplicate.position(),
                    "'" + duplicate.key() + "' is written twice in the same mapping, so one value is silently lost",
                    "keep one '" + duplicate.key() + "'");
        }
    }

    private void checkContract(JsonNode contract) {
        checkDuplicateKeys(document, findings);
        JsonNode version = contract.path("version");
        if (version.isTextual() && !SEMANTIC_VERSION.matcher(version.asText()).matches()) {
            findings.warning(
                    VERSION,
                    "/version",
                    "'" + version.asText() + "' is not a semantic version, so breaking changes cannot be told apart",
                    "write major.minor.patch, such as 1.0.0");
        }
        checkDuplicateNames(contract.path("schema"), "/schema", "object");
        forEach(contract.path("schema"), "/schema", this::checkObject);
        checkSla(contract);
    }

    // ---- schema objects and properties -------------------------------------------------------------------

    private void checkObject(JsonNode object, String pointer) {
        JsonNode properties = object.path("properties");
        checkDuplicateNames(properties, pointer + "/properties", "property");
        checkPrimaryKey(properties, pointer);
        forEach(properties, pointer + "/properties", this::checkProperty);
        forEach(object.path("quality"), pointer + "/quality", (rule, at) -> checkQualityRule(rule, at, object, false));
        forEach(object.path("relationships"), pointer + "/relationships", this::checkRelationship);
        if ("topic".equalsIgnoreCase(object.path("physicalType").asText()) && !object.has("physicalName")) {
            findings.warning(
                    TOPIC,
                    pointer,
                    "a topic without a physicalName does not say which Kafka topic it is",
                    "add physicalName: <domain>.<event>.v<N>");
        }
    }

    private void checkProperty(JsonNode property, String pointer) {
        checkLogicalTypeOptions(property, pointer);
        forEach(property.path("quality"), pointer + "/quality", (rule, at) -> checkQualityRule(rule, at, null, true));
        JsonNode nested = property.path("properties");
        checkDuplicateNames(nested, pointer + "/properties", "property");
        forEach(nested, pointer + "/properties", this::checkProperty);
        if (property.path("items").isObject()) {
            checkProperty(property.path("items"), pointer + "/items");
        }
    }

    private void checkDuplicateNames(JsonNode elements, String pointer, String kind) {
        Map<String, Integer> firstIndex = new HashMap<>();
        forEach(elements, pointer, (element, at) -> {
            JsonNode name = element.path("name");
            if (!name.isTextual()) {
                return;
            }
            int index = Integer.parseInt(at.substring(at.lastIndexOf('/') + 1));
            Integer first = firstIndex.putIfAbsent(name.asText(), index);
            if (first != null) {
                findings.error(
                        DUPLICATE_NAME,
                        at + "/name",
                        "the " + kind + " name '" + name.asText() + "' is already used by "
                                + Findings.displayPath(pointer + "/" + first),
                        "rename or remove one of them");
            }
        });
    }

    private void checkPrimaryKey(JsonNode properties, String objectPointer) {
        List<String> keyPointers = new ArrayList<>();
        Map<Integer, String> byPosition = new HashMap<>();
        forEach(properties, objectPointer + "/properties", (property, at) -> {
            boolean key = property.path("primaryKey").asBoolean(false);
            int position = property.path("primaryKeyPosition").asInt(-1);
            if (!key && position != -1) {
                findings.error(
                        PRIMARY_KEY,
                        at + "/primaryKeyPosition",
                        "primaryKeyPosition " + position + " is set on a property that is not part of the primary key",
                        "set primaryKey: true, or remove primaryKeyPosition");
                return;
            }
            if (!key) {
                return;
            }
            keyPointers.add(at);
            if (position == -1) {
                return;
            }
            if (position < 1) {
                findings.error(
                        PRIMARY_KEY,
                        at + "/primaryKeyPosition",
                        "primary key positions start at 1, not " + position,
                        "number the key properties 1, 2, ... in key order");
            } else if (byPosition.putIfAbsent(position, at) != null) {
                findings.error(
                        PRIMARY_KEY,
                        at + "/primaryKeyPosition",
                        "primary key position " + position + " is also given to "
                                + Findings.displayPath(byPosition.get(position)),
                        "give each key property its own position");
            }
        });
        if (byPosition.isEmpty()) {
            return;
        }
        for (String key : keyPointers) {
            if (document.root().at(key).path("primaryKeyPosition").asInt(-1) == -1) {
                findings.error(
                        PRIMARY_KEY,
                        key,
                        "this primary key property has no position while others have one",
                        "add primaryKeyPosition to every property of the key");
            }
        }
        Set<Integer> expected = new TreeSet<>();
        for (int i = 1; i <= keyPointers.size(); i++) {
            expected.add(i);
        }
        if (!expected.containsAll(byPosition.keySet())) {
            findings.error(
                    PRIMARY_KEY,
                    objectPointer,
                    "primary key positions " + new TreeSet<>(byPosition.keySet()) + " do not run from 1 to "
                            + keyPointers.size(),
                    "number the " + keyPointers.size() + " key properties 1 to " + keyPointers.size());
        }
    }

    private void checkLogicalTypeOptions(JsonNode property, String pointer) {
        JsonNode options = property.path("logicalTypeOptions");
        if (!options.isObject()) {
            return;
        }
        String at = pointer + "/logicalTypeOptions";
        String logicalType = property.path("logicalType").asText(null);
        if (logicalType == null) {
            findings.error(
                    LOGICAL_TYPE_OPTIONS,
                    at,
                    "logicalTypeOptions only mean something for a logicalType",
                    "add the logicalType these options describe");
            return;
        }
        checkOrder(options, at, "minLength", "maxLength");
        checkOrder(options, at, "minItems", "maxItems");
        checkOrder(options, at, "minProperties", "maxProperties");
        JsonNode pattern = options.path("pattern");
        if (pattern.isTextual()) {
            compile(pattern.asText(), at + "/pattern");
        }
        for (String bound : List.of("exclusiveMinimum", "exclusiveMaximum")) {
            JsonNode value = options.path(bound);
            if (!value.isBoolean()) {
                continue;
            }
            String inclusive = bound.equals("exclusiveMinimum") ? "minimum" : "maximum";
            if (v31) {
                findings.error(
                        LOGICAL_TYPE_OPTIONS,
                        at + "/" + bound,
                        "since v3.1.0 " + bound + " is the bound itself, not a flag",
                        "write " + bound + ": <value> instead of " + inclusive + " with " + bound + ": true");
            } else if (value.asBoolean() && !options.has(inclusive)) {
                findings.error(
                        LOGICAL_TYPE_OPTIONS,
                        at + "/" + bound,
                        bound + ": true makes " + inclusive + " exclusive, but there is no " + inclusive,
                        "add " + inclusive + ", or remove " + bound);
            }
        }
        boolean temporal = Set.of("date", "timestamp", "time").contains(logicalType);
        Map<String, Object> bounds = new HashMap<>();
        for (String bound : List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")) {
            JsonNode value = options.path(bound);
            if (temporal && value.isTextual()) {
                Optional<Instant> instant = instant(value.asText());
                if (instant.isEmpty() && !isTime(value.asText())) {
                    findings.error(
                            LOGICAL_TYPE_OPTIONS,
                            at + "/" + bound,
                            "'" + value.asText() + "' is not an ISO date, date-time or time",
                            "write it as \"2025-01-31\", \"2025-01-31T08:00:00Z\" or \"08:00:00\"");
                }
                instant.ifPresent(i -> bounds.put(bound, i));
            } else if (value.isNumber()) {
                bounds.put(bound, value.decimalValue());
            }
        }
        for (String lower : List.of("minimum", "exclusiveMinimum")) {
            for (String upper : List.of("maximum", "exclusiveMaximum")) {
                if (bounds.containsKey(lower)
                        && bounds.containsKey(upper)
                        && compare(bounds.get(lower), bounds.get(upper)) > 0) {
                    findings.error(
                            LOGICAL_TYPE_OPTIONS,
                            at + "/" + lower,
                            lower + " is greater than " + upper + ", so no value can satisfy both",
                            "swap or correct the bounds");
                }
            }
        }
    }

    private void checkOrder(JsonNode options, String at, String lower, String upper) {
        if (options.path(lower).isIntegralNumber()
                && options.path(upper).isIntegralNumber()
                && options.path(lower).asLong() > options.path(upper).asLong()) {
            findings.error(
                    LOGICAL_TYPE_OPTIONS,
                    at + "/" + lower,
                    lower + " " + options.path(lower).asLong() + " is greater than " + upper + " "
                            + options.path(upper).asLong(),
                    "swap or correct the bounds");
        }
    }

    private void checkRelationship(JsonNode relationship, String pointer) {
        JsonNode from = relationship.path("from");
        JsonNode to = relationship.path("to");
        boolean bothText = from.isTextual() && to.isTextual();
        boolean pairedLists = from.isArray() && to.isArray() && from.size() == to.size();
        if (!from.isMissingNode() && !to.isMissingNode() && !bothText && !pairedLists) {
            findings.error(
                    RELATIONSHIP,
                    pointer,
                    "from and to must both be one reference, or lists of the same length for a composite key",
                    "pair every 'from' property with one 'to' property");
        }
    }

    // ---- quality rules -------------------------------------------------------------------------------------

    private void checkQualityRule(JsonNode rule, String pointer, JsonNode object, boolean onProperty) {
        String type = rule.path("type").asText("");
        List<String> operators = OPERATORS.stream().filter(rule::has).toList();
        boolean library = type.equals("library")
                || (type.isEmpty()
                        && (rule.has("metric") || rule.has("rule") || rule.has("arguments") || !operators.isEmpty()));
        if (!library && !type.equals("sql")) {
            return;
        }
        checkOperators(rule, pointer, operators);
        if (library) {
            checkMetric(rule, pointer, object, onProperty);
        }
    }

    private void checkOperators(JsonNode rule, String pointer, List<String> operators) {
        if (operators.size() > 1) {
            findings.error(
                    QUALITY_OPERATOR,
                    pointer + "/" + operators.get(1),
                    "the rule has " + operators.size() + " operators (" + String.join(", ", operators)
                            + ") but compares with exactly one",
                    "keep one operator, or split the rule in two");
        } else if (operators.isEmpty() && v31) {
            findings.error(
                    QUALITY_OPERATOR,
                    pointer,
                    "the rule has no operator, so nothing says which values pass",
                    "add one of " + String.join(", ", OPERATORS));
        }
        for (String operator : operators) {
            JsonNode value = rule.path(operator);
            String at = pointer + "/" + operator;
            if ((operator.equals("mustBe") || operator.equals("mustNotBe")) && !value.isNumber()) {
                findings.error(
                        QUALITY_OPERATOR,
                        at,
                        operator + " compares with a number, not '" + value.asText() + "'",
                        "write a number, such as " + operator + ": 0");
            }
            if (value.isArray()
                    && value.size() == 2
                    && value.get(0).isNumber()
                    && value.get(1).isNumber()) {
                BigDecimal low = value.get(0).decimalValue();
                BigDecimal high = value.get(1).decimalValue();
                if (low.compareTo(high) > 0) {
                    findings.error(
                            QUALITY_OPERATOR,
                            at,
                            "the range [" + low.toPlainString() + ", " + high.toPlainString()
                                    + "] starts with the larger number",
                            "write the smallest number first: [" + high.toPlainString() + ", " + low.toPlainString()
                                    + "]");
                }
            }
        }
    }

    private void checkMetric(JsonNode rule, String pointer, JsonNode object, boolean onProperty) {
        JsonNode metricName = rule.path("metric");
        if (!metricName.isTextual()) {
            if (rule.has("rule") && v31) {
                findings.error(
                        QUALITY_METRIC,
                        pointer + "/rule",
                        "'rule' is the v3.0 name of a library check; v3.1.0 names a metric",
                        "write metric: nullValues, missingValues, invalidValues, duplicateValues or rowCount");
            } else if (!rule.has("rule")) {
                findings.error(
                        QUALITY_METRIC,
                        pointer,
                        "a library rule needs a metric",
                        "add metric: nullValues, missingValues, invalidValues, duplicateValues or rowCount");
            }
            return;
        }
        Optional<Metric> found = Metric.fromOdcsName(metricName.asText());
        if (found.isEmpty()) {
            return;
        }
        Metric metric = found.get();
        if (onProperty && metric.level() == Metric.Level.OBJECT) {
            findings.error(
                    QUALITY_METRIC,
                    pointer + "/metric",
                    metric + " counts the rows of an object, not of a property",
                    "move the rule to the object's quality list");
        } else if (!onProperty && metric.level() == Metric.Level.PROPERTY) {
            findings.error(
                    QUALITY_METRIC,
                    pointer + "/metric",
                    metric + " measures one property",
                    "move the rule to the quality list of the property it measures");
        }
        checkArguments(rule, pointer, metric, object, onProperty);
        String unit = rule.path("unit").asText(null);
        if (unit != null && !unit.equals("rows") && !unit.equals("percent")) {
            findings.error(
                    QUALITY_UNIT,
                    pointer + "/unit",
                    "'" + unit + "' is not a unit of library metrics",
                    SchemaValidation.closest(unit, List.of("rows", "percent"))
                            .map(match -> "did you mean '" + match + "'?")
                            .orElse("use rows (the default) or percent"));
        } else if ("percent".equals(unit) && metric == Metric.ROW_COUNT) {
            findings.error(
                    QUALITY_UNIT,
                    pointer + "/unit",
                    "rowCount is a number of rows and has no percentage",
                    "remove unit, or write unit: rows");
        }
    }

    private void checkArguments(JsonNode rule, String pointer, Metric metric, JsonNode object, boolean onProperty) {
        JsonNode arguments = rule.path("arguments");
        String at = pointer + "/arguments";
        arguments.fieldNames().forEachRemaining(name -> {
            if (!METRIC_ARGUMENTS.get(metric).contains(name)) {
                findings.warning(
                        QUALITY_METRIC,
                        at + "/" + name,
                        "metric " + metric + " does not use the argument '" + name + "'",
                        "remove it"
                                + (METRIC_ARGUMENTS.get(metric).isEmpty()
                                        ? ""
                                        : ", or use "
                                                + String.join(" or ", new TreeSet<>(METRIC_ARGUMENTS.get(metric)))));
            }
        });
        for (String list : List.of("missingValues", "validValues", "properties")) {
            if (arguments.has(list) && !arguments.path(list).isArray()) {
                findings.error(QUALITY_METRIC, at + "/" + list, list + " must be a list", "write " + list + ": [...]");
            }
        }
        if (arguments.path("pattern").isTextual()) {
            compile(arguments.path("pattern").asText(), at + "/pattern");
        }
        if (metric == Metric.INVALID_VALUES && !arguments.has("validValues") && !arguments.has("pattern")) {
            findings.error(
                    QUALITY_METRIC,
                    pointer,
                    "invalidValues needs to know which values are valid",
                    "add arguments.validValues: [...] or arguments.pattern: <regex>");
        }
        if (metric == Metric.DUPLICATE_VALUES && !onProperty) {
            JsonNode properties = arguments.path("properties");
            if (!properties.isArray() || properties.isEmpty()) {
                findings.error(
                        QUALITY_METRIC,
                        pointer,
                        "duplicateValues on an object needs the properties whose combination must be unique",
                        "add arguments.properties: [<property>, ...]");
                return;
            }
            Set<String> names = new HashSet<>();
            object.path("properties").forEach(p -> {
                names.add(p.path("name").asText());
                names.add(p.path("physicalName").asText());
            });
            forEach(properties, at + "/properties", (name, nameAt) -> {
                if (!names.contains(name.asText())) {
                    findings.error(
                            QUALITY_METRIC,
                            nameAt,
                            "'" + name.asText() + "' is not a property of this object",
                            SchemaValidation.closest(name.asText(), names)
                                    .map(match -> "did you mean '" + match + "'?")
                                    .orElse("name a property of the object"));
                }
            });
        }
    }

    // ---- service levels ------------------------------------------------------------------------------------

    private void checkSla(JsonNode contract) {
        if (contract.has("slaDefaultElement") && v31) {
            findings.warning(
                    DEPRECATED,
                    "/slaDefaultElement",
                    "slaDefaultElement is deprecated since v3.1.0",
                    "write element on each SLA property instead");
        }
        forEach(contract.path("slaProperties"), "/slaProperties", (sla, pointer) -> {
            SlaProperty property = new SlaProperty(
                    null,
                    sla.path("property").asText(),
                    null,
                    null,
                    sla.path("unit").asText(null),
                    sla.path("element").asText(null),
                    null,
                    null,
                    null,
                    null);
            if (property.isDuration()) {
                checkDuration(sla, pointer, property);
            }
            for (String element : property.elements()) {
                if (!resolves(contract.path("schema"), element)) {
                    findings.warning(
                            SLA_ELEMENT,
                            pointer + "/element",
                            "'" + element + "' does not name a property of this contract, so the " + property.property()
                                    + " SLA cannot be tested",
                            "write <object>.<property> with names from the schema");
                }
            }
        });
    }

    private void checkDuration(JsonNode sla, String pointer, SlaProperty property) {
        String name = property.property();
        if (!sla.path("value").isNumber()) {
            findings.error(
                    SLA_UNIT,
                    pointer + "/value",
                    name + " is an amount of time, but '" + sla.path("value").asText() + "' is not a number",
                    "write the number of units, such as value: 4 with unit: d");
        }
        if (property.unit() == null) {
            findings.error(
                    SLA_UNIT,
                    pointer,
                    name + " is an amount of time but has no unit",
                    "add a unit, such as unit: d (days) or unit: h (hours)");
        } else if (property.timeUnit().isEmpty()) {
            findings.error(
                    SLA_UNIT,
                    pointer + "/unit",
                    "'" + property.unit() + "' is not a unit of time",
                    SchemaValidation.closest(property.unit(), SlaProperty.timeUnits())
                            .map(match -> "did you mean '" + match + "'?")
                            .orElse("use ms, s, m, h, d, w, mo or y (or the spelled-out names)"));
        }
    }

    /** Whether {@code object.property} (or just {@code property} in a single-object contract) names a property. */
    private static boolean resolves(JsonNode schema, String element) {
        List<String> parts = List.of(element.split("\\."));
        if (parts.size() == 1) {
            return schema.size() == 1 && hasPath(schema.get(0), parts);
        }
        List<String> propertyPath = parts.subList(1, parts.size());
        for (JsonNode object : schema) {
            if (named(object, parts.get(0)) && hasPath(object, propertyPath)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPath(JsonNode node, List<String> path) {
        if (path.isEmpty()) {
            return true;
        }
        for (JsonNode property : node.path("properties")) {
            if (named(property, path.get(0)) && hasPath(property, path.subList(1, path.size()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean named(JsonNode element, String name) {
        return name.equals(element.path("name").asText())
                || name.equals(element.path("physicalName").asText());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private void compile(String regex, String pointer) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            findings.error(
                    LOGICAL_TYPE_OPTIONS,
                    pointer,
                    "'" + regex + "' is not a valid regular expression: " + e.getDescription(),
                    "correct the regular expression");
        }
    }

    private static void forEach(JsonNode array, String pointer, BiConsumer<JsonNode, String> action) {
        if (!array.isArray()) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            action.accept(array.get(i), YamlDocument.child(pointer, i));
        }
    }

    /** A date or date-time bound as an instant (dates at midnight, times without offset in UTC). */
    private static Optional<Instant> instant(String text) {
        String iso = text.trim().replace(' ', 'T');
        try {
            return Optional.of(LocalDate.parse(iso).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notALocalDateTime) {
            // try the next form
        }
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException notADateTime) {
            return Optional.empty();
        }
    }

    private static boolean isTime(String text) {
        try {
            LocalTime.parse(text.trim());
            return true;
        } catch (DateTimeParseException notALocalTime) {
            // try the next form
        }
        try {
            OffsetTime.parse(text.trim());
            return true;
        } catch (DateTimeParseException notATime) {
            return false;
        }
    }

    /** Compares two bounds of the same kind; bounds of different kinds (a date and a number) do not compare. */
    private static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        return 0;
    }
}
