package dev.meshshop.platform.contracts.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

public class ProductDescriptorLinterTests {

    /** A descriptor that uses most of the standard, valid as it is. */
    public static final String VALID =
            """
            apiVersion: v1.0.0
            kind: DataProduct
            id: checkout.orders
            name: orders
            version: 1.1.0
            status: active
            domain: checkout
            description:
              purpose: Every order placed in the shop, one row per order.
            team:
              name: checkout-team
              members:
                - {username: amara, role: owner, dateIn: "2025-01-06"}
            support:
              - {channel: checkout-data, url: "mailto:checkout-data@meshshop.dev", tool: email}
            customProperties:
              - {property: productKind, value: source-aligned}
            outputPorts:
              - name: orders
                type: parquet
                version: 1.1.0
                contractId: checkout.orders
                customProperties:
                  - {property: contractFile, value: orders.odcs.yaml}
                  - {property: relation, value: model.orders}
            inputPorts:
              - {name: search.search_sessions, version: v1, contractId: search.search_sessions}
            productCreatedTs: "2025-01-06T09:00:00Z"
            """;

    @Test
    void aDescriptorInTheStandardLintsClean() {
        LintReport report = ProductDescriptorLinter.lint(VALID, "descriptor.yaml");

        assertThat(report.findings()).isEmpty();
        assertThat(report.contract()).isEmpty();
        assertThat(ProductDescriptorLinter.isDescriptor(VALID)).isTrue();
        assertThat(ProductDescriptorLinter.isDescriptor("kind: DataContract")).isFalse();
    }

    @Test
    void aDescriptorInTheMeshsOldLayoutGetsEveryDifferenceWithItsPositionAndFix() {
        String old =
                """
                id: checkout.orders
                kind: source-aligned
                owner: checkout-team
                description: Every order placed in the shop.
                outputPorts:
                  - name: orders
                    format: parquet
                    contract: orders.odcs.yaml
                    relation: model.orders
                inputPorts:
                  - product: search.search_sessions
                    major: 1
                """;

        LintReport report = ProductDescriptorLinter.lint(old, "descriptor.yaml");

        assertThat(report.hasErrors()).isTrue();
        assertThat(report.errors())
                .extracting(LintFinding::line, LintFinding::path, LintFinding::message, LintFinding::fix)
                .contains(
                        tuple(1, "(descriptor)", "missing required field 'apiVersion'", "add apiVersion: <value>"),
                        tuple(1, "(descriptor)", "missing required field 'status'", "add status: <value>"),
                        tuple(
                                2,
                                "kind",
                                "'source-aligned' is not one of DataProduct",
                                "write kind: DataProduct, and the product's kind in the mesh (source-aligned,"
                                        + " aggregate or consumer-aligned) as the custom property productKind"),
                        tuple(
                                3,
                                "owner",
                                "'owner' is not a field the standard defines",
                                "name the owner team in team.name (team: {name: <domain>-team})"),
                        tuple(
                                4,
                                "description",
                                "is a string, expected an object",
                                "write description as an object: description: {purpose: <what it holds>}"),
                        tuple(
                                7,
                                "outputPorts[0].format",
                                "'format' is not a field the standard defines",
                                "write the port's format as type, such as type: parquet"),
                        tuple(6, "outputPorts[0]", "missing required field 'version'", "add version: <value>"),
                        tuple(11, "inputPorts[0]", "missing required field 'contractId'", "add contractId: <value>"),
                        tuple(
                                12,
                                "inputPorts[0].major",
                                "'major' is not a field the standard defines",
                                "write the major version an input port reads as its version, such as version: v1"));
        assertThat(report.toText()).contains("descriptor.yaml:3:1: error [structure] owner:");
    }

    @Test
    void aVersionOfTheStandardOtherThanOnePointZeroIsNamed() {
        LintReport report =
                ProductDescriptorLinter.lint(VALID.replace("apiVersion: v1.0.0", "apiVersion: v0.9.0"), "d.yaml");

        assertThat(report.errors())
                .extracting(LintFinding::path, LintFinding::message, LintFinding::fix)
                .containsExactly(tuple(
                        "apiVersion",
                        "'v0.9.0' is not a version of ODPS this linter reads (v1.0.0)",
                        "write apiVersion: v1.0.0"));
    }

    @Test
    void aPortListedTwiceUnderOneVersionIsAnErrorAndAProductWithoutVersionAWarning() {
        String twice = VALID.replace("version: 1.1.0\nstatus", "status")
                .replace(
                        "inputPorts:\n",
                        "inputPorts:\n  - {name: search.search_sessions, version: v1, contractId: x}\n");

        LintReport report = ProductDescriptorLinter.lint(twice, "d.yaml");

        assertThat(report.errors())
                .extracting(LintFinding::path, LintFinding::rule)
                .containsExactly(tuple("inputPorts[1]", "duplicate-port"));
        assertThat(report.warnings())
                .extracting(LintFinding::path, LintFinding::rule)
                .containsExactly(tuple("(descriptor)", "version"));
    }

    @Test
    void closedObjectsAndFormatsAreCheckedAtEveryLevel() {
        String wrong = VALID.replace("tool: email}", "tool: email, channelName: x}")
                .replace("dateIn: \"2025-01-06\"", "dateIn: \"06.01.2025\"")
                .replace("status: active", "status: live");

        LintReport report = ProductDescriptorLinter.lint(wrong, "d.yaml");

        assertThat(report.errors())
                .extracting(LintFinding::path)
                .containsExactlyInAnyOrder("status", "team.members[0].dateIn", "support[0].channelName");
    }
}
