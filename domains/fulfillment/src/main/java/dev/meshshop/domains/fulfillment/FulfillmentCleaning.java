package dev.meshshop.domains.fulfillment;

import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.domains.fulfillment.inventory.InventoryCleaning;
import dev.meshshop.domains.fulfillment.shipping.ShippingCleaning;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.RepairOutliers;
import dev.meshshop.platform.pipelines.StructureJson;
import java.util.List;

/**
 * How fulfillment's raw events become clean tables: drop the copies that at-least-once delivery produces, set
 * aside the stock readings of a known scanner bug, then read each event type into its typed table, in one step
 * for all of them. The steps are the platform's; the composition, the bug and the column mappings are
 * fulfillment's knowledge.
 */
final class FulfillmentCleaning implements DomainCleaning {

    /**
     * The ERP's article changes, captured from its database: the row's columns as Debezium reads them (the price as
     * the text of the ERP's {@code numeric}, which the models cast), in the shape of the platform's entity histories.
     */
    static final CleanTable ARTICLE_CHANGED = CleanTable.ofEntityChanges(
                    "article_changed", FulfillmentEvents.ARTICLE_CHANGED.name())
            .state("category", ColumnType.STRING, "category", Required.YES)
            .state("price", ColumnType.STRING, "price", Required.YES)
            .state("status", ColumnType.STRING, "status", Required.YES);

    /** The clean tables, one per event type fulfillment emits. */
    static final List<CleanTable> TABLES = List.of(
            InventoryCleaning.INVENTORY_UPDATED,
            ShippingCleaning.SHIPMENT_DISPATCHED,
            ShippingCleaning.SHIPMENT_DELIVERED,
            ShippingCleaning.RETURN_RECEIVED,
            ARTICLE_CHANGED);

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        var plausible = plan.route(
                unique.apply("SetAsideScannerBugReadings", RepairOutliers.of(InventoryCleaning.NEGATIVE_STOCK)));
        plan.write(
                plausible.apply("StructureFulfillmentEvents", StructureJson.into(TABLES.toArray(CleanTable[]::new))));
    }
}
