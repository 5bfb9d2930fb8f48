package dev.meshshop.domains.payment.events;

/**
 * An attempt to pay for an order failed; the customer may try again.
 *
 * @param reason why the provider refused, such as {@code insufficient-funds} or {@code 3ds-timeout}
 */
public record PaymentFailed(String paymentId, String orderId, String method, String reason) {}
