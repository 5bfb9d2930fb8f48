package dev.meshshop.domains.checkout.simulator;

import java.math.BigDecimal;

/**
 * What the checkout simulator planted, so tests can check the mesh finds exactly this.
 *
 * @param records every Kafka record sent, copies and malformed ones included
 * @param orders orders whose purchase event is valid: the rows {@code checkout.orders} must have
 * @param cancelled of those, the orders that were cancelled
 * @param revenue the sum of the totals of those orders
 * @param duplicates records sent a second time (at-least-once delivery)
 * @param notJson records that are not JSON
 * @param noEventId envelopes without an event id
 * @param unknownType envelopes with a type checkout does not emit
 * @param invalidTotal purchases whose total is text instead of a number
 */
public record CheckoutTruth(
        long records,
        long orders,
        long cancelled,
        BigDecimal revenue,
        long duplicates,
        long notJson,
        long noEventId,
        long unknownType,
        long invalidTotal) {}
