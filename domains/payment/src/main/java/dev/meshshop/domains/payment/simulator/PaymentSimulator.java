package dev.meshshop.domains.payment.simulator;

import dev.meshshop.domains.payment.events.PaymentAuthorized;
import dev.meshshop.domains.payment.events.PaymentEvents;
import dev.meshshop.domains.payment.events.PaymentFailed;
import dev.meshshop.domains.payment.events.PaymentRefunded;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.RecordStream;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Customer;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.Refund;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Payment's operational system, simulated: the payments of the shop's year ({@link SimulatedShop#year}) as the
 * payment provider reports them, a failed attempt, the authorization and each refund when it happens, in time
 * order. Events after the end of the year are not sent: they have not happened yet.
 *
 * <p>Besides the delivery {@link Faults} every system has, payment has a bug of its own: the app version that
 * ran from {@link PaymentApp#BUGGY_FROM} to {@link PaymentApp#BUGGY_UNTIL} sent the amounts it authorized in cents.
 * Authorizations carry the customer's name, and for SEPA their IBAN, which cleaning must drop.
 *
 * <p>Deterministic for the year's seed. What it sent and planted is in {@link #truth()} once the records are
 * exhausted.
 */
public final class PaymentSimulator extends RecordStream {

    private final List<Order> orders;
    private final Map<String, Customer> customers = new HashMap<>();
    private final PriorityQueue<Scheduled> due =
            new PriorityQueue<>(Comparator.comparing(Scheduled::at).thenComparingLong(Scheduled::sequence));
    private int next;
    private long scheduled;
    private long failures;
    private long authorizations;
    private long refunds;
    private long payerIbans;
    private long amountsInCents;

    /** The shop's year for {@code seed} and {@code scale}, with the delivery faults of a typical year. */
    public PaymentSimulator(long seed, double scale) {
        this(SimulatedShop.year(seed, scale), Faults.TYPICAL);
    }

    public PaymentSimulator(ShopYear year, Faults faults) {
        super(year.seed(), faults, PaymentEvents.PAYMENT_AUTHORIZED.topic());
        this.orders = year.orders();
        year.customers().forEach(customer -> customers.put(customer.id(), customer));
    }

    /** What the records sent so far planted; complete once they are exhausted. */
    public PaymentTruth truth() {
        return new PaymentTruth(tally(), authorizations, failures, refunds, payerIbans, amountsInCents);
    }

    /** One of the events of an order's payment, waiting for its time. */
    private record Scheduled(Instant at, long sequence, Order order, Refund refund, Kind kind) {}

    private enum Kind {
        FAILED,
        AUTHORIZED,
        REFUNDED
    }

    @Override
    protected boolean emitNext() {
        var first = due.peek();
        if (next < orders.size()
                && (first == null || !first.at().isBefore(orders.get(next).purchasedAt()))) {
            schedule(orders.get(next++));
            return true;
        }
        if (first == null) {
            return false;
        }
        due.poll();
        send(first);
        return true;
    }

    /** Every event of an order's payment happens after its purchase, so it is scheduled at the purchase. */
    private void schedule(Order order) {
        var payment = order.payment();
        payment.failedAt().ifPresent(at -> schedule(at, order, null, Kind.FAILED));
        schedule(payment.authorizedAt(), order, null, Kind.AUTHORIZED);
        payment.refunds().forEach(refund -> schedule(refund.at(), order, refund, Kind.REFUNDED));
    }

    /** What would happen after the year's end has not happened yet; live business, after the year, all happens. */
    private void schedule(Instant at, Order order, Refund refund, Kind kind) {
        if (ShopCalendar.inYear(at) || !ShopCalendar.inYear(order.purchasedAt())) {
            due.add(new Scheduled(at, scheduled++, order, refund, kind));
        }
    }

    private void send(Scheduled event) {
        var order = event.order();
        var payment = order.payment();
        switch (event.kind()) {
            case FAILED -> {
                send(
                        PaymentEvents.PAYMENT_FAILED,
                        order.id(),
                        event.at(),
                        new PaymentFailed(
                                payment.id(),
                                order.id(),
                                payment.method(),
                                payment.failureReason().orElseThrow()));
                failures++;
            }
            case AUTHORIZED -> {
                var customer = customers.get(order.customerId());
                boolean sepa = payment.method().equals("sepa");
                boolean inCents = PaymentApp.sentInCents(event.at());
                send(
                        PaymentEvents.PAYMENT_AUTHORIZED,
                        order.id(),
                        event.at(),
                        new PaymentAuthorized(
                                payment.id(),
                                order.id(),
                                payment.method(),
                                inCents ? payment.amount().movePointRight(2) : payment.amount(),
                                "EUR",
                                PaymentApp.versionAt(event.at()),
                                new PaymentAuthorized.Payer(customer.name(), sepa ? customer.iban() : null)));
                authorizations++;
                payerIbans += sepa ? 1 : 0;
                amountsInCents += inCents ? 1 : 0;
            }
            case REFUNDED -> {
                var refund = event.refund();
                send(
                        PaymentEvents.PAYMENT_REFUNDED,
                        order.id(),
                        event.at(),
                        new PaymentRefunded(refund.id(), payment.id(), order.id(), refund.amount(), refund.reason()));
                refunds++;
            }
        }
    }
}
