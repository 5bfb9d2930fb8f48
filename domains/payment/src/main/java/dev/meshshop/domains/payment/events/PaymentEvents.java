package dev.meshshop.domains.payment.events;

import dev.meshshop.platform.events.EventType;
import java.util.List;

/** The events payment emits, each on its own topic: the one place where payment's topic names live. */
public final class PaymentEvents {

    public static final EventType<PaymentFailed> PAYMENT_FAILED =
            new EventType<>("payment.payment-failed.v1", "PaymentFailed", 1, PaymentFailed.class);

    public static final EventType<PaymentAuthorized> PAYMENT_AUTHORIZED =
            new EventType<>("payment.payment-authorized.v1", "PaymentAuthorized", 1, PaymentAuthorized.class);

    public static final EventType<PaymentRefunded> PAYMENT_REFUNDED =
            new EventType<>("payment.payment-refunded.v1", "PaymentRefunded", 1, PaymentRefunded.class);

    public static final List<EventType<?>> ALL = List.of(PAYMENT_FAILED, PAYMENT_AUTHORIZED, PAYMENT_REFUNDED);

    private PaymentEvents() {}
}
