package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.event;
import static dev.meshshop.platform.pipelines.RawEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class RepairOutliersTests {

    static final OutlierRule AMOUNT_IN_CENTS = OutlierRule.correct(
            "amount-in-cents",
            "PaymentAuthorized",
            data -> data.path("appVersion").asText().equals("2.3.1"),
            data -> ((ObjectNode) data)
                    .put("amount", data.path("amount").decimalValue().movePointLeft(2)),
            "app 2.3.1 sent amounts in cents");

    static final OutlierRule HUGE_AMOUNT = OutlierRule.quarantine(
            "huge-amount",
            "PaymentAuthorized",
            data -> data.path("amount").asDouble() > 1000,
            "the payment provider's test mode sends 9999.99");

    static final OutlierRule NEGATIVE_STOCK = OutlierRule.quarantine(
            "negative-stock",
            "InventoryUpdated",
            data -> data.path("available").asInt() < 0,
            "scanner firmware 4.1 reports returns as negative stock");

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void theFirstRuleThatHoldsCorrectsOrQuarantinesAndTheRestPass() {
        var routed = pipeline.apply(Create.of(
                                event("PaymentAuthorized", 1, 1, json("{'amount':250000,'appVersion':'2.3.1'}")),
                                event("PaymentAuthorized", 1, 2, json("{'amount':9999.99,'appVersion':'2.4.0'}")),
                                event("PaymentAuthorized", 1, 3, json("{'amount':25.00,'appVersion':'2.4.0'}")),
                                event("InventoryUpdated", 1, 4, json("{'available':-3}")),
                                event("InventoryUpdated", 1, 5, json("{'available':3}")),
                                event("OrderPurchased", 1, 6, "not even JSON"))
                        .withCoder(RawEvent.Coder.of()))
                .apply(RepairOutliers.of(AMOUNT_IN_CENTS, HUGE_AMOUNT, NEGATIVE_STOCK));

        PAssert.that(routed.output()
                        .apply(
                                "Passed",
                                MapElements.into(TypeDescriptors.strings()).via(e -> e.offset() + " " + e.data())))
                .containsInAnyOrder(
                        "1 " + json("{'amount':2500.00,'appVersion':'2.3.1'}"),
                        "3 " + json("{'amount':25.00,'appVersion':'2.4.0'}"),
                        "5 " + json("{'available':3}"),
                        "6 not even JSON");
        PAssert.that(routed.quarantined()
                        .apply(
                                "Quarantined",
                                MapElements.into(TypeDescriptors.strings())
                                        .via(q -> q.event().offset() + " " + q.rule() + ": " + q.reason())))
                .containsInAnyOrder(
                        "2 huge-amount: the payment provider's test mode sends 9999.99",
                        "4 negative-stock: scanner firmware 4.1 reports returns as negative stock");
        var result = pipeline.run();
        result.waitUntilFinish();

        assertThat(ChangeCounts.of(result.metrics())).isEqualTo(Map.of("repaired/amount-in-cents", 1L));
    }

    @Test
    void aRuleThatFailsQuarantinesTheEventInsteadOfStoppingTheRun() {
        var throwing = OutlierRule.quarantine(
                "missing-warehouse",
                "InventoryUpdated",
                data -> data.get("warehouse").asText().isEmpty(),
                "the 2025 migration left warehouses empty");
        var returnsNothing = OutlierRule.correct(
                "zero-price", "ItemSold", data -> true, data -> null, "the catalogue sync wrote prices of zero");
        var routed = pipeline.apply(Create.of(
                                event("InventoryUpdated", 1, 1, json("{'available':3}")),
                                event("ItemSold", 1, 2, json("{'price':0}")),
                                event("InventoryUpdated", 1, 3, "{oops"))
                        .withCoder(RawEvent.Coder.of()))
                .apply(RepairOutliers.of(throwing, returnsNothing));

        PAssert.that(routed.output()).empty();
        PAssert.that(routed.quarantined()
                        .apply(MapElements.into(TypeDescriptors.strings())
                                .via(q -> q.event().offset() + " " + q.rule() + ": " + q.reason())))
                .satisfies(reasons -> {
                    assertThat(reasons)
                            .hasSize(3)
                            .contains(
                                    "2 outlier-rule-failed: outlier rule zero-price (the catalogue sync wrote prices of"
                                            + " zero) failed on ItemSold: the correction returned no data;"
                                            + " fix the rule",
                                    "3 invalid-field: data is not JSON: Unexpected character ('o' (code 111)): was"
                                            + " expecting double-quote to start field name")
                            .anySatisfy(reason -> assertThat(reason)
                                    .startsWith("1 outlier-rule-failed: outlier rule missing-warehouse (the 2025"
                                            + " migration left warehouses empty) failed on InventoryUpdated:"
                                            + " NullPointerException: ")
                                    .endsWith("; fix the rule"));
                    return null;
                });
        pipeline.run().waitUntilFinish();
    }

    @Test
    void refusesRulesAPersonWouldGetWrong() {
        assertThatThrownBy(() -> OutlierRule.quarantine("Negative Stock", "InventoryUpdated", data -> true, "bug"))
                .hasMessage("The outlier rule name 'Negative Stock' must be lower-case kebab case, such as"
                        + " amount-in-cents");
        assertThatThrownBy(() -> OutlierRule.quarantine(RepairOutliers.RULE_FAILED, "InventoryUpdated", d -> true, "b"))
                .hasMessageContaining("is the platform's own");
        assertThatThrownBy(() -> OutlierRule.quarantine("negative-stock", "InventoryUpdated", data -> true, " "))
                .hasMessage("Outlier rule negative-stock must say which known bug it is about");
        assertThatThrownBy(() -> RepairOutliers.of(NEGATIVE_STOCK, NEGATIVE_STOCK))
                .hasMessage("Two outlier rules are named negative-stock; each name counts one rule");
    }
}
