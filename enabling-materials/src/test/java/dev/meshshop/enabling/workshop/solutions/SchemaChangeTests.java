package dev.meshshop.enabling.workshop.solutions;

import dev.meshshop.platform.pipelines.MitigateSchemaChanges;
import dev.meshshop.platform.pipelines.RawEvent;
import dev.meshshop.platform.pipelines.SchemaMapping;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The solution of extra 2's exercise: version 2 of the template's event renames {@code amount} to {@code value}, and
 * the domain's cleaning maps version 1 to it, so every later step sees one shape for the whole history.
 */
class SchemaChangeTests {

    /** In the domain it sits in the cleaning, composed before {@code StructureJson}. */
    static final SchemaMapping ACTIVITY_RECORDED_V1_TO_V2 = SchemaMapping.forType("ActivityRecorded")
            .currentVersion(2)
            .fromVersion(1, v -> v.rename("/amount", "/value"));

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void version1IsMappedToVersion2AndAVersionNobodyKnowsIsSetAside() {
        var routed = pipeline.apply(Create.of(
                                activity(1, 1, "{\"activityId\":\"a-1\",\"amount\":12.50}"),
                                activity(2, 2, "{\"activityId\":\"a-2\",\"value\":7.00}"),
                                activity(3, 3, "{\"activityId\":\"a-3\",\"worth\":1.00}"))
                        .withCoder(RawEvent.Coder.of()))
                .apply("MapActivityRecordedToV2", MitigateSchemaChanges.of(ACTIVITY_RECORDED_V1_TO_V2));

        PAssert.that(routed.output()
                        .apply(
                                "Mapped",
                                MapElements.into(TypeDescriptors.strings())
                                        .via(event -> "v" + event.schemaVersion() + " " + event.data())))
                .containsInAnyOrder(
                        "v2 {\"activityId\":\"a-1\",\"value\":12.50}", "v2 {\"activityId\":\"a-2\",\"value\":7.00}");
        PAssert.that(routed.quarantined()
                        .apply(
                                "SetAside",
                                MapElements.into(TypeDescriptors.strings())
                                        .via(quarantined -> quarantined.event().eventId() + " " + quarantined.rule())))
                .containsInAnyOrder("e-3 unknown-schema-version");
        pipeline.run().waitUntilFinish();
    }

    private static RawEvent activity(long offset, int schemaVersion, String data) {
        return new RawEvent(
                "loyalty.activity-recorded.v1", 0, offset, "e-" + offset, "ActivityRecorded", schemaVersion, 0, data);
    }
}
