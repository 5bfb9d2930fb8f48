package dev.meshshop.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The guild's policy files: all listed, all valid, and the rule kinds behave as the files rely on. */
class PoliciesTests {

    static final Path POLICY_FILES = Path.of("src/main/resources/policies");

    @Test
    void everyPolicyFileIsListedInTheIndexAndNamedAfterItsId() throws IOException {
        List<String> files;
        try (Stream<Path> all = Files.list(POLICY_FILES)) {
            files = all.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .toList();
        }
        var policies = Policies.standard().all();

        assertThat(policies.stream().map(policy -> policy.id() + ".yaml")).containsExactlyInAnyOrderElementsOf(files);
        assertThat(policies).extracting(Policy::area).contains(Policy.Area.values());
    }

    @Test
    void aPolicyWithAnUnknownRuleKindIsRejectedWithItsSource() {
        String yaml =
                """
                id: no-tabs
                title: No tabs
                area: documentation
                severity: warning
                rationale: Tabs render differently everywhere.
                fix: Use spaces.
                check:
                  kind: no-tabs
                """;

        assertThatThrownBy(() -> Policies.parse(yaml, "policies/no-tabs.yaml"))
                .hasMessageContaining("policies/no-tabs.yaml")
                .hasMessageContaining("no-tabs");
    }

    @Test
    void aFieldPathWithAListChecksEveryElementAndNothingWhenTheListIsEmpty() throws IOException {
        var yaml = new ObjectMapper(new YAMLFactory());
        var pinned = new FieldRule(FieldRule.Document.DESCRIPTOR, "inputPorts[].version", "v[1-9][0-9]*");

        var twoPorts = product(
                yaml.readTree(
                        """
                id: shop.sales
                inputPorts:
                  - {name: billing.invoices, version: v2, contractId: billing.invoices}
                  - {name: stock.levels, contractId: stock.levels}
                """));
        var noPorts = product(yaml.readTree("id: shop.sales"));

        assertThat(pinned.check(twoPorts)).extracting(Violation::field).containsExactly("inputPorts[1].version");
        assertThat(pinned.check(noPorts)).isEmpty();
    }

    @Test
    void sqlScopeIgnoresCommentsAndFlagsOtherSchemasAndDatabases() {
        var rule = new SqlScopeRule(List.of("clean", "model"), List.of());
        var model = new DomainSources.SqlModel(
                "m.sql",
                """
                -- FROM billing.invoices is only mentioned here
                CREATE TABLE model.x AS SELECT * FROM clean.a JOIN billing_db.main.invoices USING (id)
                JOIN quarantine.records USING (id)
                """);
        var product = new GovernedProduct(
                "shop",
                "mesh/shop/products/x",
                new ObjectMapper().createObjectNode(),
                List.of(),
                new DomainSources(List.of(model), List.of()));

        assertThat(rule.check(product))
                .extracting(Violation::message)
                .containsExactly(
                        "the model reads billing_db.main.invoices from another database; a model reads only its own area",
                        "the model reads quarantine.records, outside the zones [clean, model] of the domain's own area");
    }

    @Test
    void aModelPortListingItsCardAsASingleTextPassesAndOneWithoutItIsNamed() throws IOException {
        var yaml = new ObjectMapper(new YAMLFactory());
        var card = new FormFilesRule("model", List.of("model-card.json"));

        var single = product(
                yaml.readTree(
                        """
                id: shop.churn
                outputPorts:
                  - name: churn
                    customProperties:
                      - {property: form, value: model}
                      - {property: files, value: model-card.json}
                """));
        var without = product(
                yaml.readTree(
                        """
                id: shop.churn
                outputPorts:
                  - name: sales
                  - name: churn
                    customProperties:
                      - {property: form, value: model}
                      - {property: files, value: [churn.onnx]}
                """));

        assertThat(card.check(single)).isEmpty();
        assertThat(card.check(without))
                .extracting(Violation::field, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "outputPorts[1].files",
                        "output port churn is a model and does not list model-card.json among the files it publishes"
                                + " (it lists [churn.onnx])"));
    }

    private static GovernedProduct product(com.fasterxml.jackson.databind.JsonNode descriptor) {
        return new GovernedProduct("shop", "mesh/shop/products/sales", descriptor, List.of(), DomainSources.NONE);
    }
}
