package dev.meshshop.domains.checkout.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.events.OrderCancelled;
import dev.meshshop.domains.checkout.events.OrderPurchased;
import dev.meshshop.domains.checkout.events.OrderPurchasedV1;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.RecordStream;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Customer;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Checkout's operational system, simulated: the orders of the shop's year ({@link SimulatedShop#year}) as checkout
 * sends them, each purchase when it happens and each cancellation when it happens, in time order.
 *
 * <p>Besides the delivery {@link Faults} every system has, checkout plants two faults of its own:
 *
 * <ul>
 *   <li>a schema change: orders purchased before {@link CheckoutEvents#ORDER_PURCHASED_V2_FROM} are sent as
 *       {@link OrderPurchasedV1}, later ones as {@link OrderPurchased} (version 2);
 *   <li>invalid totals: now and then (at {@code invalidTotalRate}) a purchase carries its total as text with a
 *       decimal comma ({@code "12,50"}), which cleaning must quarantine.
 * </ul>
 *
 * Deterministic for the year's seed. What it planted is in {@link #truth()} once the records are exhausted.
 */
public final class CheckoutSimulator extends RecordStream {

    /** How often a purchase carries its total as text in a typical year. */
    public static final double TYPICAL_INVALID_TOTAL_RATE = 0.0005;

    /** Of the orders since the app went live, this share is placed in the web shop, the rest in the app. */
    static final int WEB_PERCENT = 70;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Order> orders;
    private final Map<String, Customer> customers = new HashMap<>();
    private final double invalidTotalRate;
    private final PriorityQueue<Order> cancellations = new PriorityQueue<>(
            Comparator.comparing(order -> order.cancelledAt().orElseThrow()));
    private final Set<String> invalidTotalOrders = new LinkedHashSet<>();
    private int next;
    private long purchasesV1;
    private long cancelled;

    /** The shop's year for {@code seed} and {@code scale}, with the faults of a typical year. */
    public CheckoutSimulator(long seed, double scale) {
        this(SimulatedShop.year(seed, scale), Faults.TYPICAL, TYPICAL_INVALID_TOTAL_RATE);
    }

    /**
     * @param invalidTotalRate the probability that a purchase carries its total as text
     */
    public CheckoutSimulator(ShopYear year, Faults faults, double invalidTotalRate) {
        super(year.seed(), faults, CheckoutEvents.ORDER_PURCHASED.topic());
        if (invalidTotalRate < 0 || invalidTotalRate >= 1) {
            throw new IllegalArgumentException(
                    "The invalid total rate is a probability in [0, 1), was " + invalidTotalRate);
        }
        this.orders = year.orders();
        this.invalidTotalRate = invalidTotalRate;
        year.customers().forEach(customer -> customers.put(customer.id(), customer));
    }

    /**
     * Where an order was placed, as checkout records it: {@code web} or {@code app}. The app went live with
     * {@link OrderPurchased} version 2, so every earlier order was placed in the web shop.
     */
    public static String channelOf(Order order) {
        if (order.purchasedAt().isBefore(CheckoutEvents.ORDER_PURCHASED_V2_FROM)) {
            return "web";
        }
        return new SplittableRandom(order.id().hashCode()).nextInt(100) < WEB_PERCENT ? "web" : "app";
    }

    /** What the records sent so far planted; complete once they are exhausted. */
    public CheckoutTruth truth() {
        return new CheckoutTruth(tally(), next, purchasesV1, cancelled, invalidTotalOrders);
    }

    @Override
    protected boolean emitNext() {
        Order due = cancellations.peek();
        if (next < orders.size()
                && (due == null
                        || !due.cancelledAt()
                                .orElseThrow()
                                .isBefore(orders.get(next).purchasedAt()))) {
            purchase(orders.get(next++));
            return true;
        }
        if (due != null) {
            cancellations.poll();
            send(
                    CheckoutEvents.ORDER_CANCELLED,
                    due.id(),
                    due.cancelledAt().orElseThrow(),
                    new OrderCancelled(due.id()));
            cancelled++;
            return true;
        }
        return false;
    }

    private void purchase(Order order) {
        var customer = customers.get(order.customerId());
        var buyer = new OrderPurchased.Customer(customer.id(), customer.email(), customer.name());
        var lines = order.lines().stream()
                .map(line -> new OrderPurchased.OrderLine(line.sku(), line.quantity(), line.unitPrice()))
                .toList();
        String promotion = order.promotion().orElse(null);
        String shippingOption = order.shippingOption().wireName();
        byte[] value;
        String totalField;
        if (order.purchasedAt().isBefore(CheckoutEvents.ORDER_PURCHASED_V2_FROM)) {
            value = encode(
                    CheckoutEvents.ORDER_PURCHASED_V1,
                    order.purchasedAt(),
                    new OrderPurchasedV1(
                            order.id(),
                            order.sessionId(),
                            buyer,
                            lines,
                            order.total(),
                            "EUR",
                            shippingOption,
                            order.shippingFee(),
                            promotion));
            totalField = "total";
            purchasesV1++;
        } else {
            value = encode(
                    CheckoutEvents.ORDER_PURCHASED,
                    order.purchasedAt(),
                    new OrderPurchased(
                            order.id(),
                            order.sessionId(),
                            buyer,
                            lines,
                            order.total(),
                            "EUR",
                            new OrderPurchased.Shipping(shippingOption, order.shippingFee()),
                            promotion,
                            channelOf(order)));
            totalField = "orderTotal";
        }
        if (random().nextDouble() < invalidTotalRate) {
            value = withTotalAsText(value, totalField, order.total());
            invalidTotalOrders.add(order.id());
        }
        sendEncoded(CheckoutEvents.ORDER_PURCHASED.topic(), order.id(), value);
        if (order.cancelledAt().isPresent()) {
            cancellations.add(order);
        }
    }

    /** The bug: a total written as text the way a German locale prints it, such as {@code "12,50"}. */
    private static byte[] withTotalAsText(byte[] value, String field, BigDecimal total) {
        try {
            var envelope = (ObjectNode) JSON.readTree(value);
            ((ObjectNode) envelope.get(EventCodec.DATA))
                    .put(field, total.toPlainString().replace('.', ','));
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
