package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.event;
import static dev.meshshop.platform.pipelines.RawEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

class MitigateSchemaChangesTests {

    /** v2 renamed total and moved the e-mail under customer; v3 added the channel and dropped the legacy id. */
    static final SchemaMapping ORDER_PURCHASED = SchemaMapping.forType("OrderPurchased")
            .currentVersion(3)
            .fromVersion(1, v -> v.rename("/total", "/orderTotal")
                    .rename("/email", "/customer/email")
                    .withDefault("/channel", "web")
                    .remove("/legacyId"))
            .fromVersion(2, v -> v.withDefault("/channel", "web").remove("/legacyId"));

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void mapsOlderVersionsToTheCurrentShapeAndVersionAndCountsThem() {
        var routed = pipeline.apply(Create.of(
                                event("OrderPurchased", 1, 1, json("{'total':10.50,'email':'a@b.de','legacyId':7}")),
                                event("OrderPurchased", 1, 2, json("{'total':10.0,'customer':{'id':'c-1'}}")),
                                event("OrderPurchased", 2, 3, json("{'orderTotal':3,'channel':'app','legacyId':7}")),
                                event("OrderPurchased", 3, 4, json("{'orderTotal':4,'channel':'app'}")),
                                event("OrderCancelled", 1, 5, json("{'total':5}")))
                        .withCoder(RawEvent.Coder.of()))
                .apply(MitigateSchemaChanges.of(ORDER_PURCHASED));

        PAssert.that(routed.output()
                        .apply(MapElements.into(TypeDescriptors.strings())
                                .via(e ->
                                        e.offset() + " " + e.eventType() + " v" + e.schemaVersion() + " " + e.data())))
                .containsInAnyOrder(
                        "1 OrderPurchased v3 "
                                + json("{'orderTotal':10.50,'customer':{'email':'a@b.de'},'channel':'web'}"),
                        "2 OrderPurchased v3 " + json("{'customer':{'id':'c-1'},'orderTotal':10.0,'channel':'web'}"),
                        "3 OrderPurchased v3 " + json("{'orderTotal':3,'channel':'app'}"),
                        "4 OrderPurchased v3 " + json("{'orderTotal':4,'channel':'app'}"),
                        "5 OrderCancelled v1 " + json("{'total':5}"));
        PAssert.that(routed.quarantined()).empty();
        var result = pipeline.run();
        result.waitUntilFinish();

        assertThat(ChangeCounts.of(result.metrics()))
                .isEqualTo(Map.of("mapped/OrderPurchased v1", 2L, "mapped/OrderPurchased v2", 1L));
    }

    @Test
    void quarantinesVersionsItCannotMapSayingWhatToAdd() {
        var routed = pipeline.apply(Create.of(
                                event("OrderPurchased", 4, 1, json("{'orderTotal':1}")),
                                event("OrderPurchased", 0, 2, json("{'sum':1}")),
                                event("OrderPurchased", 1, 3, json("{'total':1,'email':'a@b.de','customer':'c-1'}")),
                                event("OrderPurchased", 1, 4, "{oops"))
                        .withCoder(RawEvent.Coder.of()))
                .apply(MitigateSchemaChanges.of(ORDER_PURCHASED));

        PAssert.that(routed.output()).empty();
        PAssert.that(routed.quarantined()
                        .apply(MapElements.into(TypeDescriptors.strings())
                                .via(q -> q.event().offset() + " " + q.rule() + ": " + q.reason())))
                .containsInAnyOrder(
                        "1 unknown-schema-version: OrderPurchased v4 is newer than OrderPurchased v3, the current"
                                + " version this cleaning knows; make v4 the current version and map the older ones"
                                + " to it",
                        "2 unknown-schema-version: OrderPurchased v0 has no mapping to OrderPurchased v3; add"
                                + " fromVersion(0, ...) to the SchemaMapping of OrderPurchased",
                        "3 unmappable-data: OrderPurchased v1 cannot be mapped to OrderPurchased v3: rename /email to"
                                + " /customer/email meets a value on its way that is not an object",
                        "4 invalid-field: data is not JSON: Unexpected character ('o' (code 111)): was expecting"
                                + " double-quote to start field name");
        pipeline.run().waitUntilFinish();
    }

    @Test
    void refusesMappingsAPersonWouldGetWrong() {
        var current = SchemaMapping.forType("OrderPurchased").currentVersion(2);
        assertThatThrownBy(() -> current.fromVersion(2, v -> v))
                .hasMessage(
                        "The mapping of OrderPurchased from v2 must start from a version older than the current v2");
        assertThatThrownBy(() -> current.fromVersion(1, v -> v).fromVersion(1, v -> v))
                .hasMessage("OrderPurchased v1 is mapped twice; keep one fromVersion(1, ...)");
        assertThatThrownBy(() -> current.fromVersion(1, v -> v.rename("total", "/orderTotal")))
                .hasMessageContaining("rename needs a JSON pointer")
                .hasMessageContaining("was 'total'");
        assertThatThrownBy(() -> MitigateSchemaChanges.of(ORDER_PURCHASED, current))
                .hasMessage("Two schema mappings for event type OrderPurchased; give each type one");
    }
}
