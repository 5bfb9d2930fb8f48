package dev.meshshop.platform.contracts.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.TestContracts;
import dev.meshshop.platform.contracts.diff.Change.Compatibility;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractDiffTests {

    private static final String ORDERS =
            """
            name: orders
            physicalName: orders_v1
            description: One row per order.
            properties:
              - {name: order_id, logicalType: string, physicalType: VARCHAR, required: true, primaryKey: true}
              - {name: customer_id, logicalType: string, required: false}
              - name: amount
                logicalType: number
                physicalType: DECIMAL(10,2)
                logicalTypeOptions: {minimum: 0, maximum: 1000}
              - name: status
                logicalType: string
                quality:
                  - {metric: invalidValues, arguments: {validValues: [paid, shipped]}, mustBe: 0}
              - name: email
                logicalType: string
                unique: false
                description: Where receipts go.
            quality:
              - {metric: rowCount, mustBeGreaterThan: 100}
            """;

    private static final String SLA =
            """
            slaProperties:
              - {property: latency, value: 1, unit: d, element: orders.order_id}
            """;

    static Stream<Arguments> breakingChanges() {
        return Stream.of(
                arguments(
                        "property removed",
                        "  - {name: customer_id, logicalType: string, required: false}\n",
                        "",
                        "orders.customer_id",
                        "property removed"),
                arguments(
                        "logicalType changed",
                        "logicalType: number",
                        "logicalType: integer",
                        "orders.amount.logicalType",
                        "changed from number to integer"),
                arguments(
                        "physicalType changed",
                        "DECIMAL(10,2)",
                        "DOUBLE",
                        "orders.amount.physicalType",
                        "changed from DECIMAL(10,2) to DOUBLE"),
                arguments(
                        "object renamed",
                        "physicalName: orders_v1",
                        "physicalName: orders_v2",
                        "orders.physicalName",
                        "renamed from orders_v1 to orders_v2: queries using the old name break"),
                arguments(
                        "required tightened",
                        "required: false}",
                        "required: true}",
                        "orders.customer_id.required",
                        "switched on: values may no longer be missing"),
                arguments(
                        "unique tightened",
                        "unique: false",
                        "unique: true",
                        "orders.email.unique",
                        "switched on: values may no longer repeat"),
                arguments(
                        "primary key changed",
                        "required: false}",
                        "required: false, primaryKey: true}",
                        "orders.primaryKey",
                        "changed from (order_id) to (order_id, customer_id)"),
                arguments(
                        "valid values narrowed",
                        "[paid, shipped]",
                        "[paid]",
                        "orders.status.quality[invalidValues].arguments.validValues",
                        "valid values removed: [shipped]"),
                arguments(
                        "maximum lowered",
                        "maximum: 1000",
                        "maximum: 500",
                        "orders.amount.logicalTypeOptions.maximum",
                        "changed from 1000 to 500: values valid before may now fail"),
                arguments(
                        "minimum raised",
                        "minimum: 0",
                        "minimum: 1",
                        "orders.amount.logicalTypeOptions.minimum",
                        "changed from 0 to 1: values valid before may now fail"),
                arguments(
                        "pattern added",
                        "description: Where receipts go.",
                        "description: Where receipts go.\n    logicalTypeOptions: {pattern: '@'}",
                        "orders.email.logicalTypeOptions.pattern",
                        "added (@): values valid before may now fail"),
                arguments(
                        "required property added",
                        "  - name: email\n",
                        "  - {name: channel, logicalType: string, required: true}\n  - name: email\n",
                        "orders.channel",
                        "required property added: data published before has no value for it"),
                arguments(
                        "quality rule added",
                        "  - {metric: rowCount, mustBeGreaterThan: 100}",
                        "  - {metric: rowCount, mustBeGreaterThan: 100}\n  - {metric: duplicateValues, mustBe: 0,"
                                + " arguments: {properties: [order_id]}}",
                        "orders.quality[duplicateValues]",
                        "quality rule added: data published before may fail it"),
                arguments(
                        "threshold narrowed",
                        "mustBeGreaterThan: 100",
                        "mustBeGreaterThan: 1000",
                        "orders.quality[rowCount]",
                        "changed from mustBeGreaterThan 100 to mustBeGreaterThan 1000: values accepted before may"
                                + " now fail"),
                arguments("object removed", ORDERS, "name: customers", "orders", "object removed"));
    }

    static Stream<Arguments> compatibleChanges() {
        return Stream.of(
                arguments(
                        "optional property added",
                        "  - name: email\n",
                        "  - {name: channel, logicalType: string}\n  - name: email\n",
                        "orders.channel",
                        "optional property added"),
                arguments(
                        "description changed",
                        "Where receipts go.",
                        "Where receipts and offers go.",
                        "orders.email.description",
                        "changed from Where receipts go. to Where receipts and offers go."),
                arguments(
                        "maximum raised",
                        "maximum: 1000",
                        "maximum: 5000",
                        "orders.amount.logicalTypeOptions.maximum",
                        "changed from 1000 to 5000 (accepts more)"),
                arguments(
                        "minimum removed",
                        "{minimum: 0, maximum: 1000}",
                        "{maximum: 1000}",
                        "orders.amount.logicalTypeOptions.minimum",
                        "removed (was 0)"),
                arguments(
                        "required relaxed",
                        "physicalType: VARCHAR, required: true",
                        "physicalType: VARCHAR",
                        "orders.order_id.required",
                        "switched off"),
                arguments(
                        "valid values widened",
                        "[paid, shipped]",
                        "[paid, shipped, returned]",
                        "orders.status.quality[invalidValues].arguments.validValues",
                        "valid values added: [returned]"),
                arguments(
                        "threshold widened",
                        "mustBeGreaterThan: 100",
                        "mustBeGreaterOrEqualTo: 50",
                        "orders.quality[rowCount]",
                        "changed from mustBeGreaterThan 100 to mustBeGreaterOrEqualTo 50 (accepts more)"),
                arguments(
                        "quality rule removed",
                        "  - {metric: rowCount, mustBeGreaterThan: 100}",
                        "  []",
                        "orders.quality[rowCount]",
                        "quality rule removed"),
                arguments(
                        "warning rule added",
                        "  - {metric: rowCount, mustBeGreaterThan: 100}",
                        "  - {metric: rowCount, mustBeGreaterThan: 100}\n  - {name: busy_day, metric: rowCount,"
                                + " mustBeGreaterThan: 10000, severity: warning}",
                        "orders.quality[busy_day]",
                        "quality rule added"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breakingChanges")
    void classifiesAsBreaking(String change, String before, String after, String path, String description) {
        DiffReport report = diff(ORDERS, replace(ORDERS, before, after), "1.0.0", "1.1.0");

        assertThat(report.changes())
                .extracting(Change::compatibility, Change::path, Change::description)
                .contains(tuple(Compatibility.BREAKING, path, description));
        assertThat(report.blocks()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibleChanges")
    void classifiesAsCompatible(String change, String before, String after, String path, String description) {
        DiffReport report = diff(ORDERS, replace(ORDERS, before, after), "1.0.0", "1.1.0");

        assertThat(report.changes())
                .extracting(Change::compatibility, Change::path, Change::description)
                .containsExactly(tuple(Compatibility.COMPATIBLE, path, description));
        assertThat(report.blocks()).isFalse();
    }

    @Test
    void classifiesServiceLevelsByWhetherThePromiseGetsTighter() {
        DataContract daily = contract("1.0.0", ORDERS, SLA);
        DataContract hourly = contract("1.1.0", ORDERS, SLA.replace("value: 1, unit: d", "value: 4, unit: h"));
        DataContract weekly = contract("1.1.0", ORDERS, SLA.replace("unit: d", "unit: w"));

        assertThat(ContractDiff.compare(daily, hourly).breakingChanges())
                .extracting(Change::path)
                .containsExactly("slaProperties.latency(orders.order_id)");
        assertThat(ContractDiff.compare(daily, weekly).compatibleChanges())
                .extracting(Change::description)
                .containsExactly("changed from 1 d to 1 w (a looser promise)");
    }

    @Test
    void allowsBreakingChangesInANewMajorVersion() {
        DiffReport report =
                diff(ORDERS, replace(ORDERS, "logicalType: number", "logicalType: integer"), "1.4.2", "2.0.0");

        assertThat(report.hasBreakingChanges()).isTrue();
        assertThat(report.majorVersionBumped()).isTrue();
        assertThat(report.blocks()).isFalse();
        assertThat(report.toText())
                .startsWith(
                        "Contract test-contract 1.4.2 -> 2.0.0: 1 breaking, 0 compatible change(s), released as a new major"
                                + " version");
    }

    @Test
    void explainsWhatToDoAboutABreakingChangeInTheSameMajorVersion() throws IOException {
        DiffReport report =
                diff(ORDERS, replace(ORDERS, "logicalType: number", "logicalType: integer"), "1.4.2", "1.5.0");

        assertThat(report.toText())
                .isEqualTo(
                        """
                        Contract test-contract 1.4.2 -> 1.5.0: 1 breaking, 0 compatible change(s). ERROR: breaking \
                        changes need a new major version; publish as 2.0.0 (a new output port) or make the changes \
                        compatible
                          breaking   orders.amount.logicalType: changed from number to integer
                        """);
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("breaking").asInt()).isEqualTo(1);
        assertThat(json.path("changes").get(0).path("compatibility").asText()).isEqualTo("BREAKING");
        assertThat(json.path("changes").get(0).has("breaking")).isFalse();
    }

    @Test
    void findsNoChangesBetweenEqualContracts() {
        DiffReport report = diff(ORDERS, ORDERS, "1.0.0", "1.0.0");

        assertThat(report.changes()).isEmpty();
        assertThat(report.blocks()).isFalse();
        assertThat(report.toText()).isEqualTo("Contract test-contract 1.0.0 -> 1.0.0: no changes\n");
    }

    @Test
    void readsVersion30AndVersion31FormsAsTheSameContract() {
        String legacy =
                """
                apiVersion: v3.0.2
                kind: DataContract
                id: shipments
                version: 1.0.0
                status: active
                schema:
                  - name: shipments
                    properties:
                      - {name: weight, logicalType: number, logicalTypeOptions: {minimum: 0, exclusiveMinimum: true}}
                """;
        String current = legacy.replace("v3.0.2", "v3.1.0")
                .replace("{minimum: 0, exclusiveMinimum: true}", "{exclusiveMinimum: 0}");

        DiffReport report =
                ContractDiff.compare(DataContracts.parse(legacy, "v3.0.2"), DataContracts.parse(current, "v3.1.0"));

        assertThat(report.changes())
                .extracting(Change::path, Change::description)
                .containsExactly(tuple("apiVersion", "changed from v3.0.2 to v3.1.0"));
    }

    private static DiffReport diff(String before, String after, String previousVersion, String currentVersion) {
        return ContractDiff.compare(contract(previousVersion, before, ""), contract(currentVersion, after, ""));
    }

    private static DataContract contract(String version, String object, String moreSections) {
        return DataContracts.parse(TestContracts.document(version, object, moreSections), "v" + version);
    }

    private static String replace(String text, String before, String after) {
        assertThat(text).contains(before);
        return text.replace(before, after);
    }
}
