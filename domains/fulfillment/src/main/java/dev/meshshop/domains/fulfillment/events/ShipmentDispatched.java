package dev.meshshop.domains.fulfillment.events;

import java.time.Instant;

/**
 * An order's parcel left a warehouse; the envelope's {@code occurredAt} is when.
 *
 * @param location the warehouse it left
 * @param carrier who delivers it
 * @param shippingOption what the customer chose: {@code standard}, {@code express} or {@code reliable}
 * @param promisedBy the delivery time promised to the customer at purchase
 */
public record ShipmentDispatched(
        String shipmentId,
        String orderId,
        String location,
        String carrier,
        String shippingOption,
        Instant promisedBy) {}
