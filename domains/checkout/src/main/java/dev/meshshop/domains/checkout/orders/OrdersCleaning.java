package dev.meshshop.domains.checkout.orders;

import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.StructureJson;

/**
 * How checkout's raw events become clean tables: drop the copies that at-least-once delivery produces, then read
 * each event type into its typed table. The steps are the platform's; the composition and the column mapping
 * are checkout's knowledge.
 */
public final class OrdersCleaning implements DomainCleaning {

    static final CleanTable ORDER_PURCHASED = CleanTable.of("order_purchased", CheckoutEvents.ORDER_PURCHASED.name())
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("session_id", ColumnType.STRING, "/sessionId", Required.YES)
            .column("customer_id", ColumnType.STRING, "/customer/id", Required.YES)
            .column("total", ColumnType.DECIMAL, "/orderTotal", Required.YES)
            .column("currency", ColumnType.STRING, "/currency", Required.YES)
            .column("shipping_option", ColumnType.STRING, "/shipping/option", Required.YES)
            .column("shipping_fee", ColumnType.DECIMAL, "/shipping/fee", Required.YES)
            .column("promotion", ColumnType.STRING, "/promotion", Required.NO)
            .column("channel", ColumnType.STRING, "/channel", Required.YES)
            .column("lines", ColumnType.JSON, "/lines", Required.YES);

    static final CleanTable ORDER_CANCELLED = CleanTable.of("order_cancelled", CheckoutEvents.ORDER_CANCELLED.name())
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES);

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        plan.write(unique.apply("StructureOrderEvents", StructureJson.into(ORDER_PURCHASED, ORDER_CANCELLED)));
    }
}
