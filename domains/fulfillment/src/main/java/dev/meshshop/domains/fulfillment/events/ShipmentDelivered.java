package dev.meshshop.domains.fulfillment.events;

/** The carrier delivered a parcel; the envelope's {@code occurredAt} is when. */
public record ShipmentDelivered(String shipmentId, String orderId) {}
