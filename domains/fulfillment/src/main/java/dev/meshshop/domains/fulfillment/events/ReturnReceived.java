package dev.meshshop.domains.fulfillment.events;

/**
 * A customer's return arrived at the warehouse; the envelope's {@code occurredAt} is when.
 *
 * @param sku the article sent back
 * @param quantity how many units of it
 * @param reason why, as the customer stated it, such as {@code too-small}
 */
public record ReturnReceived(String returnId, String orderId, String sku, int quantity, String reason) {}
