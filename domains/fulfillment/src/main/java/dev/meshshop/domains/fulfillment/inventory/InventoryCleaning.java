package dev.meshshop.domains.fulfillment.inventory;

import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.OutlierRule;

/**
 * What fulfillment knows about its stock readings when it cleans them: the scanner bug whose readings must not
 * count, and how an {@code InventoryUpdated} event reads as a row of {@code clean.inventory_updated}. The
 * inventory products are built from that table by {@code mesh/fulfillment/models/inventory.sql}.
 */
public final class InventoryCleaning {

    /**
     * A stock level is never negative. The warehouses' scanners with firmware 4.1 now and then report one a few
     * seconds before the correct reading of the same article and location; the correct reading follows, so the
     * negative one is set aside rather than corrected.
     */
    public static final OutlierRule NEGATIVE_STOCK = OutlierRule.quarantine(
            "negative-stock",
            FulfillmentEvents.INVENTORY_UPDATED.name(),
            data -> data.path("available").asInt() < 0,
            "scanner firmware 4.1 reports a negative stock level for a moment before the correct reading");

    public static final CleanTable INVENTORY_UPDATED = CleanTable.of(
                    "inventory_updated", FulfillmentEvents.INVENTORY_UPDATED.name())
            .column("sku", ColumnType.STRING, "/sku", Required.YES)
            .column("location", ColumnType.STRING, "/location", Required.YES)
            .column("available", ColumnType.INTEGER, "/available", Required.YES)
            .column("reason", ColumnType.STRING, "/reason", Required.YES)
            .column("sequence", ColumnType.BIGINT, "/sequence", Required.YES);

    private InventoryCleaning() {}
}
