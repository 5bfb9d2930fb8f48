package dev.meshshop.domains.checkout.events;

/** An order was cancelled before it shipped. */
public record OrderCancelled(String orderId, String reason) {}
