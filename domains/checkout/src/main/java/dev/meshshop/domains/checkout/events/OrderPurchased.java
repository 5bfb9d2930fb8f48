package dev.meshshop.domains.checkout.events;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer completed checkout: the order, its lines and what it costs.
 *
 * @param total the sum of the lines, in {@code currency}
 * @param shippingOption how the customer chose to have it delivered, such as {@code standard}
 */
public record OrderPurchased(
        String orderId,
        String customerId,
        List<OrderLine> lines,
        BigDecimal total,
        String currency,
        String shippingOption) {

    /** One article in an order. */
    public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {}
}
