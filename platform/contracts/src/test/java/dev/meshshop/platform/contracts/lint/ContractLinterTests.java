package dev.meshshop.platform.contracts.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.contracts.Fixtures;
import java.io.IOException;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractLinterTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "checkout-orders.odcs.yaml",
                "legacy-v3.0.odcs.yaml",
                "minimal.odcs.yaml",
                "kafka-topic.odcs.yaml",
                "every-server-type.odcs.yaml"
            })
    void validContractsLintClean(String fixture) throws IOException {
        LintReport report = lint("valid/" + fixture);

        assertThat(report.findings()).isEmpty();
        assertThat(report.contract()).isPresent();
    }

    @Test
    void reportsEveryStructuralProblemWithItsPositionAndFix() throws IOException {
        LintReport report = lint("invalid/structure.odcs.yaml");

        assertThat(report.hasErrors()).isTrue();
        assertThat(report.contract()).isEmpty();
        assertThat(report.findings())
                .extracting(LintFinding::line, LintFinding::column, LintFinding::path, LintFinding::rule)
                .containsExactly(
                        tuple(2, 1, "(contract)", "structure"),
                        tuple(4, 1, "version", "structure"),
                        tuple(6, 1, "owner", "structure"),
                        tuple(12, 9, "schema[0].properties[0].logicalType", "structure"),
                        tuple(15, 9, "schema[0].properties[1].tag", "structure"),
                        tuple(19, 11, "schema[0].properties[2].logicalTypeOptions.minLength", "structure"),
                        tuple(22, 9, "schema[0].properties[3].items", "structure"),
                        tuple(25, 5, "servers[0]", "structure"),
                        tuple(27, 5, "servers[0].database", "structure"),
                        tuple(32, 7, "team.members[0].dateIn", "structure"));
        assertThat(report.findings())
                .extracting(LintFinding::message, LintFinding::fix)
                .contains(
                        tuple("missing required field 'id'", "add id: <value>"),
                        tuple(
                                "is a number, expected a string",
                                "quote the value so that YAML reads it as text, such as \"1.0.0\""),
                        tuple("'tag' is not a field the standard defines", "did you mean 'tags'? Otherwise remove it"),
                        tuple("only an array has items", "set logicalType: array, or remove items"),
                        tuple(
                                "'minLength' is not an option of logicalType number",
                                "remove it; the options of number are multipleOf, minimum, maximum, exclusiveMinimum,"
                                        + " exclusiveMaximum, format"),
                        tuple(
                                "'database' is not a field of a kafka server",
                                "remove it, or keep it as a customProperties entry"));
    }

    @Test
    void rejectsFieldsTheStandardDoesNotDefineAtEveryLevel() throws IOException {
        LintReport report = lint("invalid/undefined-fields.odcs.yaml");

        assertThat(report.errors())
                .extracting(LintFinding::path)
                .contains(
                        "undefinedRootField",
                        "servers[0].undefinedServerField",
                        "servers[0].customProperties[1].undefinedCustomPropertyField",
                        "schema[0].undefinedObjectField",
                        "schema[0].properties[0].undefinedPropertyField",
                        "schema[0].properties[0].logicalTypeOptions.undefinedOption",
                        "schema[0].properties[0].quality[0].undefinedQualityField",
                        "schema[0].properties[0].quality[0].query",
                        "roles[0].undefinedRoleField",
                        "authoritativeDefinitions[0].undefinedDefinitionField",
                        "support[0].undefinedSupportField",
                        "price.undefinedPriceField",
                        "team[0].undefinedMemberField",
                        "slaProperties[0].undefinedSlaField",
                        "description.undefinedDescriptionField");
    }

    @Test
    void reportsAnUnknownFieldInANestedPropertyOnlyWhereItIs() {
        String yaml =
                """
                apiVersion: v3.1.0
                kind: DataContract
                id: nested
                version: 1.0.0
                status: active
                schema:
                  - name: customers
                    properties:
                      - name: address
                        logicalType: object
                        properties:
                          - name: city
                            logicalType: string
                            colour: blue
                """;

        assertThat(ContractLinter.lint(yaml, "nested.odcs.yaml").findings())
                .extracting(LintFinding::line, LintFinding::path)
                .containsExactly(tuple(14, "schema[0].properties[0].properties[0].colour"));
    }

    @Test
    void acceptsOnlyApiVersionsOfOdcs3() throws IOException {
        LintReport report = lint("invalid/unsupported-version.odcs.yaml");

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.path()).isEqualTo("apiVersion");
            assertThat(finding.message())
                    .isEqualTo("'v2.2.2' is not a version of ODCS this linter reads (v3.0.0 to v3.1.0)");
        });
    }

    @Test
    void pointsAtYamlSyntaxErrors() throws IOException {
        LintReport report = lint("invalid/yaml-syntax.odcs.yaml");

        assertThat(report.errors()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo("yaml");
            assertThat(finding.line()).isEqualTo(6);
            assertThat(finding.message()).contains("expected ',' or ']'");
        });
    }

    @Test
    void rejectsKeysWrittenTwice() throws IOException {
        assertThat(lint("invalid/duplicate-key.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::line, LintFinding::path)
                .containsExactly(tuple("duplicate-key", 12, "schema[0].properties[0].required"));
    }

    @Test
    void rejectsDuplicateNamesOfObjectsAndProperties() throws IOException {
        assertThat(lint("invalid/duplicate-name.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::path, LintFinding::message)
                .containsExactly(
                        tuple(
                                "duplicate-name",
                                "schema[0].properties[2].name",
                                "the property name 'order_id' is already used by schema[0].properties[0]"),
                        tuple(
                                "duplicate-name",
                                "schema[0].properties[3].properties[1].name",
                                "the property name 'city' is already used by schema[0].properties[3].properties[0]"),
                        tuple(
                                "duplicate-name",
                                "schema[1].name",
                                "the object name 'orders' is already used by schema[0]"));
    }

    @Test
    void rejectsInconsistentPrimaryKeyPositions() throws IOException {
        assertThat(lint("invalid/primary-key.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::path)
                .containsExactly(
                        tuple("primary-key", "schema[0].properties[1].primaryKeyPosition"),
                        tuple("primary-key", "schema[0].properties[2].primaryKeyPosition"),
                        tuple("primary-key", "schema[0].properties[3]"));
    }

    @Test
    void rejectsContradictoryOrUnreadableLogicalTypeOptions() throws IOException {
        assertThat(lint("invalid/logical-type-options.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::path)
                .containsExactly(
                        tuple("logical-type-options", "schema[0].properties[0].logicalTypeOptions.minLength"),
                        tuple("logical-type-options", "schema[0].properties[0].logicalTypeOptions.pattern"),
                        tuple("logical-type-options", "schema[0].properties[1].logicalTypeOptions.minimum"),
                        tuple("logical-type-options", "schema[0].properties[2].logicalTypeOptions.exclusiveMinimum"),
                        tuple("logical-type-options", "schema[0].properties[3].logicalTypeOptions.minimum"),
                        tuple("logical-type-options", "schema[0].properties[4].logicalTypeOptions"));
    }

    @Test
    void requiresExactlyOneNumericOperatorPerRule() throws IOException {
        assertThat(lint("invalid/quality-operator.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::path, LintFinding::fix)
                .containsExactly(
                        tuple(
                                "quality-operator",
                                "schema[0].properties[0].quality[0].mustBeLessThan",
                                "keep one operator, or split the rule in two"),
                        tuple(
                                "quality-operator",
                                "schema[0].properties[0].quality[1]",
                                "add one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo,"
                                        + " mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween"),
                        tuple(
                                "quality-operator",
                                "schema[0].properties[0].quality[2].mustBe",
                                "write a number, such as mustBe: 0"),
                        tuple(
                                "quality-operator",
                                "schema[0].quality[0].mustBeBetween",
                                "write the smallest number first: [10, 1000]"),
                        tuple(
                                "quality-operator",
                                "schema[0].quality[1]",
                                "add one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo,"
                                        + " mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween"));
    }

    @Test
    void requiresMetricsAtTheirLevelWithTheArgumentsTheyNeed() throws IOException {
        LintReport report = lint("invalid/quality-metric.odcs.yaml");

        assertThat(report.errors())
                .extracting(LintFinding::rule, LintFinding::path)
                .containsExactly(
                        tuple("quality-metric", "schema[0].properties[0].quality[0].rule"),
                        tuple("quality-metric", "schema[0].properties[0].quality[1].metric"),
                        tuple("quality-metric", "schema[0].properties[0].quality[2]"),
                        tuple("quality-metric", "schema[0].quality[0].metric"),
                        tuple("quality-metric", "schema[0].quality[1].arguments.properties[1]"),
                        tuple("quality-metric", "schema[0].quality[2]"));
        assertThat(report.warnings())
                .extracting(LintFinding::path, LintFinding::message)
                .containsExactly(tuple(
                        "schema[0].properties[0].quality[3].arguments.validValues",
                        "metric nullValues does not use the argument 'validValues'"));
    }

    @Test
    void acceptsOnlyRowsAndPercentAsUnitsOfMetrics() throws IOException {
        assertThat(lint("invalid/quality-unit.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::path, LintFinding::fix)
                .containsExactly(
                        tuple("quality-unit", "schema[0].properties[0].quality[0].unit", "did you mean 'percent'?"),
                        tuple("quality-unit", "schema[0].quality[0].unit", "remove unit, or write unit: rows"));
    }

    @Test
    void requiresTimeUnitsAndNumbersForSlaDurations() throws IOException {
        assertThat(lint("invalid/sla-unit.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::path)
                .containsExactly(
                        tuple("sla-unit", "slaProperties[0]"),
                        tuple("sla-unit", "slaProperties[1].unit"),
                        tuple("sla-unit", "slaProperties[2].value"));
    }

    @Test
    void requiresCompositeRelationshipsToPairUp() throws IOException {
        assertThat(lint("invalid/relationship.odcs.yaml").errors())
                .extracting(LintFinding::rule, LintFinding::path)
                .containsExactly(tuple("relationship", "schema[0].relationships[0]"));
    }

    @Test
    void warnsAboutWhatIsValidButCannotBeTestedOrIsDeprecated() throws IOException {
        LintReport report = lint("invalid/warnings-only.odcs.yaml");

        assertThat(report.hasErrors()).isFalse();
        assertThat(report.contract()).isPresent();
        assertThat(report.warnings())
                .extracting(LintFinding::rule, LintFinding::path)
                .containsExactly(
                        tuple("version", "version"),
                        tuple("topic", "schema[1]"),
                        tuple("deprecated", "slaDefaultElement"),
                        tuple("sla-element", "slaProperties[0].element"));
    }

    @Test
    void listsFindingsInTheOrderOfTheFile() throws IOException {
        assertThat(lint("invalid/undefined-fields.odcs.yaml").findings())
                .isSortedAccordingTo(Comparator.comparingInt(LintFinding::line).thenComparingInt(LintFinding::column));
    }

    @Test
    void rendersFindingsForPeopleAndForTools() throws IOException {
        LintReport report = lint("invalid/relationship.odcs.yaml");

        assertThat(report.toText())
                .contains("relationship.odcs.yaml:14:9: error [relationship] schema[0].relationships[0]: from and to")
                .endsWith("invalid (1 error(s), 0 warning(s))");
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("valid").asBoolean()).isFalse();
        assertThat(json.path("errors").asInt()).isEqualTo(1);
        assertThat(json.path("findings").get(0).path("line").asInt()).isEqualTo(14);
        assertThat(json.path("findings").get(0).path("severity").asText()).isEqualTo("ERROR");
    }

    private static LintReport lint(String fixture) throws IOException {
        return ContractLinter.lint(Fixtures.path(fixture));
    }
}
