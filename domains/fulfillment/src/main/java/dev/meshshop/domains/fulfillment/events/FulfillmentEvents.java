package dev.meshshop.domains.fulfillment.events;

import dev.meshshop.platform.events.EntityChanged;
import dev.meshshop.platform.events.EventType;
import java.util.List;

/** The events fulfillment emits, each on its own topic: the one place where fulfillment's topic names live. */
public final class FulfillmentEvents {

    public static final EventType<InventoryUpdated> INVENTORY_UPDATED =
            new EventType<>("fulfillment.inventory-updated.v1", "InventoryUpdated", 1, InventoryUpdated.class);

    public static final EventType<ShipmentDispatched> SHIPMENT_DISPATCHED =
            new EventType<>("fulfillment.shipment-dispatched.v1", "ShipmentDispatched", 1, ShipmentDispatched.class);

    public static final EventType<ShipmentDelivered> SHIPMENT_DELIVERED =
            new EventType<>("fulfillment.shipment-delivered.v1", "ShipmentDelivered", 1, ShipmentDelivered.class);

    public static final EventType<ReturnReceived> RETURN_RECEIVED =
            new EventType<>("fulfillment.return-received.v1", "ReturnReceived", 1, ReturnReceived.class);

    /**
     * An article of the ERP's catalogue was listed, changed (its price, its status) or deleted: captured by the
     * platform from the ERP's database log (change data capture), with the row after the change (before it, for a
     * delete).
     */
    public static final EventType<EntityChanged> ARTICLE_CHANGED =
            new EventType<>("fulfillment.article-changed.v1", "ArticleChanged", 1, EntityChanged.class);

    public static final List<EventType<?>> ALL =
            List.of(INVENTORY_UPDATED, SHIPMENT_DISPATCHED, SHIPMENT_DELIVERED, RETURN_RECEIVED, ARTICLE_CHANGED);

    private FulfillmentEvents() {}
}
