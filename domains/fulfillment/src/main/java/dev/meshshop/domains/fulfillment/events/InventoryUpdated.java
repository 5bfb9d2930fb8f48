package dev.meshshop.domains.fulfillment.events;

/**
 * A warehouse reported the stock of an article at one of its locations, after a change; the envelope's
 * {@code occurredAt} is when.
 *
 * @param available the units on the shelf after the change, never negative in a correct reading
 * @param reason what changed the stock: {@code initial-count}, {@code sale} or {@code restock}
 * @param sequence the change's position in the warehouse system's log, which orders changes at the same instant
 */
public record InventoryUpdated(String sku, String location, int available, String reason, long sequence) {}
