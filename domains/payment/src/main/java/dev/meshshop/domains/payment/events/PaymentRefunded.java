package dev.meshshop.domains.payment.events;

import java.math.BigDecimal;

/**
 * Money was paid back to the customer, in the currency of the payment.
 *
 * @param reason {@code order-cancelled} (the whole amount) or {@code goods-returned} (the returned article)
 */
public record PaymentRefunded(String refundId, String paymentId, String orderId, BigDecimal amount, String reason) {}
