package dev.meshshop.domains.checkout.events;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer completed checkout: the order, its lines and what it costs. Schema version 2, sent since
 * 2025-07-01; {@link OrderPurchasedV1} is the shape before.
 *
 * @param customer who ordered, with the personal data checkout holds about them
 * @param orderTotal the sum of the lines (articles only, without shipping), in {@code currency}
 * @param shipping how the order is delivered and what the customer pays for it
 * @param promotion the promotion that applied, such as {@code black-week-free-shipping}; null when none did
 * @param channel where the customer ordered: {@code web} or {@code app}
 */
public record OrderPurchased(
        String orderId,
        String sessionId,
        Customer customer,
        List<OrderLine> lines,
        BigDecimal orderTotal,
        String currency,
        Shipping shipping,
        String promotion,
        String channel) {

    /** The customer as checkout knows them: an id, and personal data that cleaning masks. */
    public record Customer(String id, String email, String name) {}

    /** One article in an order. */
    public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {}

    /**
     * @param option {@code standard}, {@code express} or {@code reliable}
     * @param fee what the customer pays for shipping, zero when it is free
     */
    public record Shipping(String option, BigDecimal fee) {}
}
