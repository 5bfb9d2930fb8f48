package dev.meshshop.domains.fulfillment.shipping;

import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.ColumnType;

/**
 * How fulfillment's parcel events read as clean tables: one per event type. The shipments and returns products
 * are built from them by {@code mesh/fulfillment/models/shipments.sql} and {@code returns.sql}.
 */
public final class ShippingCleaning {

    public static final CleanTable SHIPMENT_DISPATCHED = CleanTable.of(
                    "shipment_dispatched", FulfillmentEvents.SHIPMENT_DISPATCHED.name())
            .column("shipment_id", ColumnType.STRING, "/shipmentId", Required.YES)
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("location", ColumnType.STRING, "/location", Required.YES)
            .column("carrier", ColumnType.STRING, "/carrier", Required.YES)
            .column("shipping_option", ColumnType.STRING, "/shippingOption", Required.YES)
            .column("promised_by", ColumnType.TIMESTAMP, "/promisedBy", Required.YES);

    public static final CleanTable SHIPMENT_DELIVERED = CleanTable.of(
                    "shipment_delivered", FulfillmentEvents.SHIPMENT_DELIVERED.name())
            .column("shipment_id", ColumnType.STRING, "/shipmentId", Required.YES)
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES);

    public static final CleanTable RETURN_RECEIVED = CleanTable.of(
                    "return_received", FulfillmentEvents.RETURN_RECEIVED.name())
            .column("return_id", ColumnType.STRING, "/returnId", Required.YES)
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("sku", ColumnType.STRING, "/sku", Required.YES)
            .column("quantity", ColumnType.INTEGER, "/quantity", Required.YES)
            .column("reason", ColumnType.STRING, "/reason", Required.YES);

    private ShippingCleaning() {}
}
