package dev.meshshop.domains.payment.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshshop.domains.payment.events.PaymentEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.MaskPersonalData;
import dev.meshshop.platform.pipelines.OutlierRule;
import dev.meshshop.platform.pipelines.PersonalField;
import dev.meshshop.platform.pipelines.RepairOutliers;
import dev.meshshop.platform.pipelines.StructureJson;

/**
 * How payment's raw events become clean tables, in the order a reader would check them:
 *
 * <ol>
 *   <li>drop the copies that at-least-once delivery produces;
 *   <li>repair the amounts that the payment app 2.3.1 sent in cents;
 *   <li>drop the payer's name and IBAN: nobody downstream needs them, not even to join;
 *   <li>read each event type into its typed table.
 * </ol>
 */
public final class PaymentsCleaning implements DomainCleaning {

    /** The payment app version with the known bug: every amount it authorized is 100 times the real one. */
    static final String APP_SENDING_CENTS = "2.3.1";

    static final OutlierRule AMOUNT_IN_CENTS = OutlierRule.correct(
            "amount-in-cents",
            PaymentEvents.PAYMENT_AUTHORIZED.name(),
            data -> data.path("appVersion").asText().equals(APP_SENDING_CENTS),
            data -> ((ObjectNode) data)
                    .put("amount", data.path("amount").decimalValue().movePointLeft(2)),
            "payment app " + APP_SENDING_CENTS + " (live 2025-03-10 to 2025-03-24) sent amounts in cents");

    static final PersonalField PAYER_NAME = PersonalField.drop(PaymentEvents.PAYMENT_AUTHORIZED.name(), "/payer/name");

    static final PersonalField PAYER_IBAN = PersonalField.drop(PaymentEvents.PAYMENT_AUTHORIZED.name(), "/payer/iban");

    static final CleanTable PAYMENT_AUTHORIZED = CleanTable.of(
                    "payment_authorized", PaymentEvents.PAYMENT_AUTHORIZED.name())
            .column("payment_id", ColumnType.STRING, "/paymentId", Required.YES)
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("method", ColumnType.STRING, "/method", Required.YES)
            .column("amount", ColumnType.DECIMAL, "/amount", Required.YES)
            .column("currency", ColumnType.STRING, "/currency", Required.YES)
            .column("app_version", ColumnType.STRING, "/appVersion", Required.YES);

    static final CleanTable PAYMENT_FAILED = CleanTable.of("payment_failed", PaymentEvents.PAYMENT_FAILED.name())
            .column("payment_id", ColumnType.STRING, "/paymentId", Required.YES)
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("method", ColumnType.STRING, "/method", Required.YES)
            .column("reason", ColumnType.STRING, "/reason", Required.YES);

    static final CleanTable PAYMENT_REFUNDED = CleanTable.of("payment_refunded", PaymentEvents.PAYMENT_REFUNDED.name())
            .column("refund_id", ColumnType.STRING, "/refundId", Required.YES)
            .column("payment_id", ColumnType.STRING, "/paymentId", Required.YES)
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("amount", ColumnType.DECIMAL, "/amount", Required.YES)
            .column("reason", ColumnType.STRING, "/reason", Required.YES);

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        var repaired = plan.route(unique.apply("RepairAmountsInCents", RepairOutliers.of(AMOUNT_IN_CENTS)));
        var masked = plan.route(repaired.apply(
                "DropPayerData", MaskPersonalData.with(plan.personalDataSalt(), PAYER_NAME, PAYER_IBAN)));
        plan.write(masked.apply(
                "StructurePaymentEvents", StructureJson.into(PAYMENT_AUTHORIZED, PAYMENT_FAILED, PAYMENT_REFUNDED)));
    }
}
