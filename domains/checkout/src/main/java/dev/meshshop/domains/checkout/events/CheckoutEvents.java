package dev.meshshop.domains.checkout.events;

import dev.meshshop.platform.ingest.EventType;
import java.util.List;

/** The events checkout emits, each on its own topic: the one place where checkout's topic names live. */
public final class CheckoutEvents {

    public static final EventType<OrderPurchased> ORDER_PURCHASED =
            new EventType<>("checkout.order-purchased.v1", "OrderPurchased", 1, OrderPurchased.class);

    public static final EventType<OrderCancelled> ORDER_CANCELLED =
            new EventType<>("checkout.order-cancelled.v1", "OrderCancelled", 1, OrderCancelled.class);

    public static final List<EventType<?>> ALL = List.of(ORDER_PURCHASED, ORDER_CANCELLED);

    private CheckoutEvents() {}
}
