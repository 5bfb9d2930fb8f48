package dev.meshshop.enabling.workshop.solutions;

import dev.meshshop.platform.pipelines.OutlierRule;
import dev.meshshop.platform.pipelines.RawEvent;
import dev.meshshop.platform.pipelines.RepairOutliers;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The solution of lab 2.2's exercise: a cleaning rule for refunds of nothing or less, which the payment provider's
 * sandbox leaked into production, and the pipeline test that proves it sets exactly those aside.
 */
class RefundRuleTests {

    /** What the exercise asks for; in payment it would sit beside {@code PaymentsCleaning.AMOUNT_IN_CENTS}. */
    static final OutlierRule REFUND_NOT_POSITIVE = OutlierRule.quarantine(
            "refund-not-positive",
            "PaymentRefunded",
            data -> data.path("amount").decimalValue().signum() <= 0,
            "the payment provider's sandbox leaked refunds of 0.00 and less into production");

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void refundsOfNothingOrLessAreSetAsideWithTheRuleAndTheRestPass() {
        var routed = pipeline.apply(Create.of(
                                refund(1, "{\"refundId\":\"r-1\",\"amount\":12.50}"),
                                refund(2, "{\"refundId\":\"r-2\",\"amount\":0.00}"),
                                refund(3, "{\"refundId\":\"r-3\",\"amount\":-4.95}"),
                                new RawEvent(
                                        "payment.payment-authorized.v1",
                                        0,
                                        4,
                                        "e-4",
                                        "PaymentAuthorized",
                                        1,
                                        0,
                                        "{\"amount\":-1.00}"))
                        .withCoder(RawEvent.Coder.of()))
                .apply("QuarantineRefundsNotPositive", RepairOutliers.of(REFUND_NOT_POSITIVE));

        PAssert.that(routed.output()
                        .apply(
                                "Passed",
                                MapElements.into(TypeDescriptors.strings()).via(RawEvent::eventId)))
                .containsInAnyOrder("e-1", "e-4");
        PAssert.that(routed.quarantined()
                        .apply(
                                "SetAside",
                                MapElements.into(TypeDescriptors.strings())
                                        .via(quarantined -> quarantined.event().eventId() + " " + quarantined.rule())))
                .containsInAnyOrder("e-2 refund-not-positive", "e-3 refund-not-positive");
        pipeline.run().waitUntilFinish();
    }

    private static RawEvent refund(long offset, String data) {
        return new RawEvent("payment.payment-refunded.v1", 0, offset, "e-" + offset, "PaymentRefunded", 1, 0, data);
    }
}
