package dev.meshshop.domains.fulfillment.simulator;

import dev.meshshop.platform.simulation.DeliveryTally;

/**
 * What the fulfillment simulator sent and planted, so tests can check the mesh finds exactly this. What the
 * products must hold beyond counts (stock per article and location, on-time deliveries) follows from the same
 * {@code ShopYear}.
 *
 * @param delivery every record sent, and the duplicates and malformed records among them
 * @param stockChanges correct {@code InventoryUpdated} events: the rows of {@code fulfillment.inventory_history}
 * @param negativeReadings {@code InventoryUpdated} events with a negative level from the scanner bug, each sent
 *     a few seconds before the correct reading
 * @param shipments {@code ShipmentDispatched} events: the rows of {@code fulfillment.shipments}
 * @param deliveries {@code ShipmentDelivered} events: the shipments with status delivered
 * @param returns {@code ReturnReceived} events: the rows of {@code fulfillment.returns}
 */
public record FulfillmentTruth(
        DeliveryTally delivery,
        long stockChanges,
        long negativeReadings,
        long shipments,
        long deliveries,
        long returns) {

    /** The distinct, well-formed events sent, correct or not: what cleaning gets after ingest and deduplication. */
    public long events() {
        return stockChanges + negativeReadings + shipments + deliveries + returns;
    }
}
