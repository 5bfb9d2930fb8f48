package dev.meshshop.platform.contracts.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.contracts.model.AuthoritativeDefinition;
import dev.meshshop.platform.contracts.model.CustomProperty;
import dev.meshshop.platform.contracts.model.DataContract;
import dev.meshshop.platform.contracts.model.Description;
import dev.meshshop.platform.contracts.model.LogicalType;
import dev.meshshop.platform.contracts.model.LogicalTypeOptions;
import dev.meshshop.platform.contracts.model.Metric;
import dev.meshshop.platform.contracts.model.Operator;
import dev.meshshop.platform.contracts.model.Price;
import dev.meshshop.platform.contracts.model.QualityRule;
import dev.meshshop.platform.contracts.model.QualityType;
import dev.meshshop.platform.contracts.model.Relationship;
import dev.meshshop.platform.contracts.model.Role;
import dev.meshshop.platform.contracts.model.SchemaObject;
import dev.meshshop.platform.contracts.model.SchemaProperty;
import dev.meshshop.platform.contracts.model.Server;
import dev.meshshop.platform.contracts.model.SlaProperty;
import dev.meshshop.platform.contracts.model.SupportChannel;
import dev.meshshop.platform.contracts.model.Team;
import dev.meshshop.platform.contracts.model.TeamMember;
import dev.meshshop.platform.contracts.model.Threshold;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Reads a contract that passed the structure checks into the typed model, turning v3.0.x forms into their
 * v3.1.0 meaning on the way.
 */
final class ContractMapper {

    private static final ObjectMapper PLAIN_VALUES = new ObjectMapper();

    private ContractMapper() {}

    static DataContract contract(JsonNode node) {
        return new DataContract(
                text(node, "apiVersion"),
                text(node, "kind"),
                text(node, "id"),
                text(node, "version"),
                text(node, "status"),
                text(node, "name"),
                text(node, "tenant"),
                text(node, "domain"),
                text(node, "dataProduct"),
                strings(node, "tags"),
                node.has("description") ? description(node.get("description")) : null,
                list(node, "servers", ContractMapper::server),
                list(node, "schema", ContractMapper::object),
                list(node, "support", ContractMapper::supportChannel),
                node.has("price") ? price(node.get("price")) : null,
                node.has("team") ? team(node.get("team")) : null,
                list(node, "roles", ContractMapper::role),
                text(node, "slaDefaultElement"),
                list(node, "slaProperties", ContractMapper::slaProperty),
                authoritativeDefinitions(node),
                customProperties(node),
                text(node, "contractCreatedTs"));
    }

    private static Description description(JsonNode node) {
        return new Description(
                text(node, "usage"),
                text(node, "purpose"),
                text(node, "limitations"),
                authoritativeDefinitions(node),
                customProperties(node));
    }

    private static Server server(JsonNode node) {
        return new Server(
                text(node, "id"),
                text(node, "server"),
                text(node, "type"),
                text(node, "description"),
                text(node, "environment"),
                new Server.Connection(
                        text(node, "host"),
                        node.has("port") ? node.get("port").asInt() : null,
                        text(node, "database"),
                        text(node, "schema"),
                        text(node, "catalog"),
                        text(node, "account"),
                        text(node, "warehouse"),
                        text(node, "project"),
                        text(node, "dataset"),
                        text(node, "location"),
                        text(node, "path"),
                        text(node, "format"),
                        text(node, "delimiter"),
                        text(node, "endpointUrl"),
                        text(node, "region"),
                        text(node, "regionName"),
                        text(node, "serviceName"),
                        text(node, "stagingDir"),
                        text(node, "stream")),
                list(node, "roles", ContractMapper::role),
                customProperties(node));
    }

    private static SchemaObject object(JsonNode node) {
        return new SchemaObject(
                text(node, "id"),
                text(node, "name"),
                text(node, "physicalName"),
                text(node, "physicalType"),
                text(node, "businessName"),
                text(node, "description"),
                text(node, "dataGranularityDescription"),
                strings(node, "tags"),
                list(node, "properties", ContractMapper::property),
                list(node, "relationships", ContractMapper::relationship),
                list(node, "quality", ContractMapper::qualityRule),
                authoritativeDefinitions(node),
                customProperties(node));
    }

    private static SchemaProperty property(JsonNode node) {
        return new SchemaProperty(
                text(node, "id"),
                text(node, "name"),
                text(node, "physicalName"),
                text(node, "physicalType"),
                LogicalType.fromOdcsName(text(node, "logicalType")).orElse(null),
                node.has("logicalTypeOptions") ? options(node.get("logicalTypeOptions")) : LogicalTypeOptions.NONE,
                text(node, "businessName"),
                text(node, "description"),
                node.path("required").asBoolean(false),
                node.path("unique").asBoolean(false),
                node.path("primaryKey").asBoolean(false),
                node.path("primaryKeyPosition").asInt(-1),
                node.path("partitioned").asBoolean(false),
                node.path("partitionKeyPosition").asInt(-1),
                text(node, "classification"),
                text(node, "encryptedName"),
                node.path("criticalDataElement").asBoolean(false),
                strings(node, "transformSourceObjects"),
                text(node, "transformLogic"),
                text(node, "transformDescription"),
                list(node, "examples", ContractMapper::plain),
                strings(node, "tags"),
                list(node, "properties", ContractMapper::property),
                node.has("items") ? property(node.get("items")) : null,
                list(node, "relationships", ContractMapper::relationship),
                list(node, "quality", ContractMapper::qualityRule),
                authoritativeDefinitions(node),
                customProperties(node));
    }

    /** v3.0.x wrote {@code exclusiveMinimum: true} next to {@code minimum}; v3.1.0 writes the bound itself. */
    private static LogicalTypeOptions options(JsonNode node) {
        String minimum = bound(node, "minimum");
        String maximum = bound(node, "maximum");
        String exclusiveMinimum = bound(node, "exclusiveMinimum");
        String exclusiveMaximum = bound(node, "exclusiveMaximum");
        if (node.path("exclusiveMinimum").isBoolean()) {
            exclusiveMinimum = node.get("exclusiveMinimum").asBoolean() ? minimum : null;
            minimum = node.get("exclusiveMinimum").asBoolean() ? null : minimum;
        }
        if (node.path("exclusiveMaximum").isBoolean()) {
            exclusiveMaximum = node.get("exclusiveMaximum").asBoolean() ? maximum : null;
            maximum = node.get("exclusiveMaximum").asBoolean() ? null : maximum;
        }
        return new LogicalTypeOptions(
                integer(node, "minLength"),
                integer(node, "maxLength"),
                text(node, "pattern"),
                text(node, "format"),
                minimum,
                maximum,
                exclusiveMinimum,
                exclusiveMaximum,
                node.has("multipleOf") ? node.get("multipleOf").decimalValue() : null,
                node.has("timezone") ? node.get("timezone").asBoolean() : null,
                text(node, "defaultTimezone"),
                integer(node, "minItems"),
                integer(node, "maxItems"),
                node.has("uniqueItems") ? node.get("uniqueItems").asBoolean() : null,
                integer(node, "minProperties"),
                integer(node, "maxProperties"),
                strings(node, "required"));
    }

    private static String bound(JsonNode options, String field) {
        JsonNode value = options.path(field);
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.isTextual() ? value.asText() : null;
    }

    private static Relationship relationship(JsonNode node) {
        return new Relationship(
                node.has("type") ? text(node, "type") : "foreignKey",
                references(node.path("from")),
                references(node.path("to")),
                customProperties(node));
    }

    private static List<String> references(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        return StreamSupport.stream(node.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static QualityRule qualityRule(JsonNode node) {
        QualityType type = node.has("type")
                ? QualityType.valueOf(node.get("type").asText().toUpperCase(Locale.ROOT))
                : QualityType.LIBRARY;
        Map<String, Object> arguments = new LinkedHashMap<>();
        node.path("arguments")
                .fields()
                .forEachRemaining(field -> arguments.put(field.getKey(), plain(field.getValue())));
        return new QualityRule(
                text(node, "id"),
                text(node, "name"),
                text(node, "description"),
                type,
                Metric.fromOdcsName(text(node, "metric")).orElse(null),
                text(node, "rule"),
                arguments,
                threshold(node),
                text(node, "unit"),
                text(node, "query"),
                text(node, "engine"),
                node.has("implementation") ? plain(node.get("implementation")) : null,
                text(node, "dimension"),
                text(node, "severity"),
                text(node, "businessImpact"),
                text(node, "method"),
                text(node, "schedule"),
                text(node, "scheduler"),
                strings(node, "tags"),
                authoritativeDefinitions(node),
                customProperties(node));
    }

    /** The rule's single numeric operator, or null when it has none (v3.0.x allowed that). */
    private static Threshold threshold(JsonNode node) {
        for (Operator operator : Operator.values()) {
            JsonNode value = node.path(operator.odcsName());
            if (value.isNumber()) {
                return new Threshold(operator, List.of(value.decimalValue()));
            }
            if (value.isArray()) {
                List<BigDecimal> operands = StreamSupport.stream(value.spliterator(), false)
                        .map(JsonNode::decimalValue)
                        .toList();
                return new Threshold(operator, operands);
            }
        }
        return null;
    }

    private static SlaProperty slaProperty(JsonNode node) {
        return new SlaProperty(
                text(node, "id"),
                text(node, "property"),
                plain(node.path("value")),
                node.has("valueExt") ? plain(node.get("valueExt")) : null,
                text(node, "unit"),
                text(node, "element"),
                text(node, "driver"),
                text(node, "description"),
                text(node, "scheduler"),
                text(node, "schedule"));
    }

    /** v3.0.x listed the members directly; v3.1.0 wraps them in a team object. */
    private static Team team(JsonNode node) {
        if (node.isArray()) {
            return new Team(null, null, null, list(node, ContractMapper::teamMember), List.of(), List.of(), List.of());
        }
        return new Team(
                text(node, "id"),
                text(node, "name"),
                text(node, "description"),
                list(node, "members", ContractMapper::teamMember),
                strings(node, "tags"),
                authoritativeDefinitions(node),
                customProperties(node));
    }

    private static TeamMember teamMember(JsonNode node) {
        return new TeamMember(
                text(node, "id"),
                text(node, "username"),
                text(node, "name"),
                text(node, "description"),
                text(node, "role"),
                node.has("dateIn") ? LocalDate.parse(text(node, "dateIn")) : null,
                node.has("dateOut") ? LocalDate.parse(text(node, "dateOut")) : null,
                text(node, "replacedByUsername"),
                strings(node, "tags"),
                authoritativeDefinitions(node),
                customProperties(node));
    }

    private static Role role(JsonNode node) {
        return new Role(
                text(node, "id"),
                text(node, "role"),
                text(node, "description"),
                text(node, "access"),
                text(node, "firstLevelApprovers"),
                text(node, "secondLevelApprovers"),
                customProperties(node));
    }

    private static SupportChannel supportChannel(JsonNode node) {
        return new SupportChannel(
                text(node, "id"),
                text(node, "channel"),
                text(node, "url"),
                text(node, "description"),
                text(node, "tool"),
                text(node, "scope"),
                text(node, "invitationUrl"),
                customProperties(node));
    }

    private static Price price(JsonNode node) {
        return new Price(
                text(node, "id"),
                node.has("priceAmount") ? node.get("priceAmount").decimalValue() : null,
                text(node, "priceCurrency"),
                text(node, "priceUnit"));
    }

    private static List<AuthoritativeDefinition> authoritativeDefinitions(JsonNode node) {
        return list(
                node,
                "authoritativeDefinitions",
                definition -> new AuthoritativeDefinition(
                        text(definition, "id"),
                        text(definition, "url"),
                        text(definition, "type"),
                        text(definition, "description")));
    }

    private static List<CustomProperty> customProperties(JsonNode node) {
        return list(
                node,
                "customProperties",
                property -> new CustomProperty(
                        text(property, "id"),
                        text(property, "property"),
                        plain(property.path("value")),
                        text(property, "description")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        return node.path(field).isIntegralNumber() ? node.get(field).asInt() : null;
    }

    private static List<String> strings(JsonNode node, String field) {
        return list(node, field, JsonNode::asText);
    }

    private static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> mapper) {
        return list(node.path(field), mapper);
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> mapper) {
        List<T> items = new ArrayList<>();
        array.forEach(item -> items.add(mapper.apply(item)));
        return items;
    }

    /** A YAML value as plain Java: strings, numbers, booleans, lists, maps, or null. */
    private static Object plain(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : PLAIN_VALUES.convertValue(node, Object.class);
    }
}
