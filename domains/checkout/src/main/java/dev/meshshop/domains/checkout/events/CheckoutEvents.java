package dev.meshshop.domains.checkout.events;

import dev.meshshop.platform.events.EntityChanged;
import dev.meshshop.platform.events.EventType;
import java.time.Instant;
import java.util.List;

/** The events checkout emits, each on its own topic: the one place where checkout's topic names live. */
public final class CheckoutEvents {

    /** Orders purchased from this instant on are sent as {@link OrderPurchased} v2, before as v1. */
    public static final Instant ORDER_PURCHASED_V2_FROM = Instant.parse("2025-07-01T00:00:00Z");

    /** The first shape of OrderPurchased, on the same topic as the current one. */
    public static final EventType<OrderPurchasedV1> ORDER_PURCHASED_V1 =
            new EventType<>("checkout.order-purchased.v1", "OrderPurchased", 1, OrderPurchasedV1.class);

    public static final EventType<OrderPurchased> ORDER_PURCHASED =
            new EventType<>("checkout.order-purchased.v1", "OrderPurchased", 2, OrderPurchased.class);

    public static final EventType<OrderCancelled> ORDER_CANCELLED =
            new EventType<>("checkout.order-cancelled.v1", "OrderCancelled", 1, OrderCancelled.class);

    /**
     * A customer account was opened, changed (the customer moved) or closed: published by checkout's customer
     * accounts through their outbox, with the account's state after the change (its last state, for a closure).
     */
    public static final EventType<EntityChanged> CUSTOMER_CHANGED =
            new EventType<>("checkout.customer-changed.v1", "CustomerChanged", 1, EntityChanged.class);

    public static final List<EventType<?>> ALL =
            List.of(ORDER_PURCHASED_V1, ORDER_PURCHASED, ORDER_CANCELLED, CUSTOMER_CHANGED);

    private CheckoutEvents() {}
}
