package dev.meshshop.domains.fulfillment.inventory;

import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.ColumnType;

/**
 * What fulfillment knows about its stock readings when it cleans them: how an {@code InventoryUpdated} event
 * reads as a row of {@code clean.inventory_updated}. The inventory products are built from that table by
 * {@code mesh/fulfillment/models/inventory.sql}.
 */
public final class InventoryCleaning {

    public static final CleanTable INVENTORY_UPDATED = CleanTable.of(
                    "inventory_updated", FulfillmentEvents.INVENTORY_UPDATED.name())
            .column("sku", ColumnType.STRING, "/sku", Required.YES)
            .column("location", ColumnType.STRING, "/location", Required.YES)
            .column("available", ColumnType.INTEGER, "/available", Required.YES)
            .column("reason", ColumnType.STRING, "/reason", Required.YES)
            .column("sequence", ColumnType.BIGINT, "/sequence", Required.YES);

    private InventoryCleaning() {}
}
