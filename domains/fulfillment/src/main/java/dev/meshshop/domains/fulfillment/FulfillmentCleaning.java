package dev.meshshop.domains.fulfillment;

import dev.meshshop.domains.fulfillment.inventory.InventoryCleaning;
import dev.meshshop.domains.fulfillment.shipping.ShippingCleaning;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.StructureJson;

/**
 * How fulfillment's raw events become clean tables: drop the copies that at-least-once delivery produces, then
 * read each event type into its typed table, in one step for all of them. The steps are the platform's; the
 * composition and the column mappings are fulfillment's knowledge.
 */
final class FulfillmentCleaning implements DomainCleaning {

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        plan.write(unique.apply(
                "StructureFulfillmentEvents",
                StructureJson.into(
                        InventoryCleaning.INVENTORY_UPDATED,
                        ShippingCleaning.SHIPMENT_DISPATCHED,
                        ShippingCleaning.SHIPMENT_DELIVERED,
                        ShippingCleaning.RETURN_RECEIVED)));
    }
}
