package dev.meshshop.domains.checkout.events;

/** An order was cancelled before it shipped; payment refunds it in full. */
public record OrderCancelled(String orderId) {}
