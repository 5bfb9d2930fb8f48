package dev.meshshop.domains.payment.payments;

import dev.meshshop.domains.payment.events.PaymentEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.StructureJson;

/**
 * How payment's raw events become clean tables: drop the copies that at-least-once delivery produces, then read
 * each event type into its typed table.
 */
public final class PaymentsCleaning implements DomainCleaning {

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
        plan.write(unique.apply(
                "StructurePaymentEvents", StructureJson.into(PAYMENT_AUTHORIZED, PAYMENT_FAILED, PAYMENT_REFUNDED)));
    }
}
