package dev.meshshop.domains.checkout.events;

import dev.meshshop.domains.checkout.events.OrderPurchased.Customer;
import dev.meshshop.domains.checkout.events.OrderPurchased.OrderLine;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@link OrderPurchased} as checkout sent it until 2025-06-30: schema version 1, kept because the raw zone holds
 * half a year of it. Version 2 renamed {@code total} to {@code orderTotal}, grouped {@code shippingOption} and
 * {@code shippingFee} as {@code shipping}, and added {@code channel} (the app went live with it; before, every
 * order came through the web shop).
 */
public record OrderPurchasedV1(
        String orderId,
        String sessionId,
        Customer customer,
        List<OrderLine> lines,
        BigDecimal total,
        String currency,
        String shippingOption,
        BigDecimal shippingFee,
        String promotion) {}
