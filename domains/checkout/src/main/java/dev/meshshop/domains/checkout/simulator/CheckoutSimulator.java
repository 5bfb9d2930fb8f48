package dev.meshshop.domains.checkout.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.events.OrderCancelled;
import dev.meshshop.domains.checkout.events.OrderPurchased;
import dev.meshshop.domains.checkout.events.OrderPurchased.OrderLine;
import dev.meshshop.platform.ingest.EventCodec;
import dev.meshshop.platform.simulation.SimulatedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Checkout's operational system, simulated: a year of orders (2026) and their cancellations, with faults
 * planted at known rates. Deterministic for a seed; {@code scale} 1 is about a million records.
 *
 * <p>5% of orders are cancelled within two days. The {@link Faults} say how often the system misbehaves.
 */
public final class CheckoutSimulator {

    static final int ORDERS_AT_SCALE_ONE = 950_000;
    static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration YEAR = Duration.ofDays(365);
    static final int SKUS = 2_000;
    static final List<String> SHIPPING_OPTIONS = List.of("standard", "express", "reliable");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long seed;
    private final long orders;
    private final Faults faults;
    private final EventCodec codec = new EventCodec();

    /**
     * How often the operational system misbehaves, as probabilities.
     *
     * @param duplicate a record is delivered twice (at-least-once delivery)
     * @param malformed an order is followed by a malformed record: not JSON, no event id, or an unknown type,
     *     in turn
     * @param invalidTotal a purchase carries its total as text ({@code "12,50"}), which cleaning must quarantine
     */
    public record Faults(double duplicate, double malformed, double invalidTotal) {

        /** The rates of a typical year: 1% duplicates, 0.1% malformed, 0.05% invalid totals. */
        public static final Faults TYPICAL = new Faults(0.01, 0.001, 0.0005);
    }

    public CheckoutSimulator(long seed, double scale) {
        this(seed, scale, Faults.TYPICAL);
    }

    public CheckoutSimulator(long seed, double scale, Faults faults) {
        if (scale <= 0) {
            throw new IllegalArgumentException("Scale must be positive, such as 1 (a year) or 0.01, was " + scale);
        }
        this.seed = seed;
        this.faults = faults;
        this.orders = Math.max(1, Math.round(ORDERS_AT_SCALE_ONE * scale));
    }

    /** The records, in the order the operational system sends them. */
    public Iterator<SimulatedRecord> records() {
        return new Generator(null);
    }

    /** What {@link #records()} plants, found by generating them once. */
    public CheckoutTruth truth() {
        var tally = new Tally();
        var generator = new Generator(tally);
        while (generator.hasNext()) {
            generator.next();
        }
        return tally.truth();
    }

    private static final class Tally {
        long records;
        long orders;
        long cancelled;
        BigDecimal revenue = BigDecimal.ZERO;
        long duplicates;
        long notJson;
        long noEventId;
        long unknownType;
        long invalidTotal;

        CheckoutTruth truth() {
            return new CheckoutTruth(
                    records, orders, cancelled, revenue, duplicates, notJson, noEventId, unknownType, invalidTotal);
        }
    }

    private final class Generator implements Iterator<SimulatedRecord> {

        private final Tally tally;
        private final SplittableRandom random = new SplittableRandom(seed);
        private final Random ids = new Random(seed ^ 0x5DEECE66DL);
        private final ArrayDeque<SimulatedRecord> pending = new ArrayDeque<>();
        private long order;
        private int malformedKind;

        Generator(Tally tally) {
            this.tally = tally;
        }

        @Override
        public boolean hasNext() {
            if (pending.isEmpty() && order < orders) {
                emitOrder(order++);
            }
            return !pending.isEmpty();
        }

        @Override
        public SimulatedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (tally != null) {
                tally.records++;
            }
            return pending.poll();
        }

        private void emitOrder(long number) {
            String orderId = "o-" + number;
            Instant purchasedAt = YEAR_START.plusMillis(YEAR.toMillis() * number / orders + random.nextInt(60_000));
            var lines = new ArrayList<OrderLine>();
            BigDecimal total = BigDecimal.ZERO;
            for (int line = 0, count = 1 + random.nextInt(4); line < count; line++) {
                int sku = random.nextInt(SKUS);
                var price = priceOf(sku);
                int quantity = 1 + random.nextInt(3);
                lines.add(new OrderLine("sku-" + sku, quantity, price));
                total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
            }
            var purchased = new OrderPurchased(
                    orderId,
                    "c-" + random.nextLong(Math.max(1, orders / 3)),
                    lines,
                    total,
                    "EUR",
                    SHIPPING_OPTIONS.get(random.nextInt(SHIPPING_OPTIONS.size())));
            byte[] value = codec.encode(CheckoutEvents.ORDER_PURCHASED, eventId(), purchasedAt, purchased);

            boolean invalidTotal = random.nextDouble() < faults.invalidTotal();
            if (invalidTotal) {
                value = withTotalAsText(value, total);
                count(t -> t.invalidTotal++);
            } else {
                final BigDecimal orderTotal = total;
                count(t -> {
                    t.orders++;
                    t.revenue = t.revenue.add(orderTotal);
                });
            }
            send(CheckoutEvents.ORDER_PURCHASED.topic(), orderId, value);

            if (!invalidTotal && random.nextInt(20) == 0) {
                Instant cancelledAt = purchasedAt.plusSeconds(600 + random.nextInt(2 * 24 * 3600));
                send(
                        CheckoutEvents.ORDER_CANCELLED.topic(),
                        orderId,
                        codec.encode(
                                CheckoutEvents.ORDER_CANCELLED,
                                eventId(),
                                cancelledAt,
                                new OrderCancelled(orderId, "customer request")));
                count(t -> t.cancelled++);
            }
            if (random.nextDouble() < faults.malformed()) {
                emitMalformed(orderId);
            }
        }

        private void send(String topic, String key, byte[] value) {
            var record = new SimulatedRecord(topic, key, value);
            pending.add(record);
            if (random.nextDouble() < faults.duplicate()) {
                pending.add(record);
                count(t -> t.duplicates++);
            }
        }

        private void emitMalformed(String orderId) {
            String topic = CheckoutEvents.ORDER_PURCHASED.topic();
            switch (malformedKind++ % 3) {
                case 0 -> {
                    pending.add(new SimulatedRecord(topic, orderId, utf8("OrderPurchased;" + orderId + ";broken")));
                    count(t -> t.notJson++);
                }
                case 1 -> {
                    pending.add(new SimulatedRecord(
                            topic, orderId, utf8("{\"type\":\"OrderPurchased\",\"schemaVersion\":1,\"data\":{}}")));
                    count(t -> t.noEventId++);
                }
                default -> {
                    pending.add(new SimulatedRecord(
                            topic,
                            orderId,
                            utf8("{\"eventId\":\"" + eventId() + "\",\"type\":\"OrderTeleported\",\"schemaVersion\":1,"
                                    + "\"occurredAt\":\"2026-06-01T00:00:00Z\",\"data\":{}}")));
                    count(t -> t.unknownType++);
                }
            }
        }

        private String eventId() {
            return new UUID(ids.nextLong(), ids.nextLong()).toString();
        }

        private void count(java.util.function.Consumer<Tally> update) {
            if (tally != null) {
                update.accept(tally);
            }
        }
    }

    /** A fixed price per article, between 5.00 and 204.99. */
    static BigDecimal priceOf(int sku) {
        long cents = 500 + Math.floorMod((sku * 2_654_435_761L) >>> 7, 20_000L);
        return BigDecimal.valueOf(cents, 2);
    }

    private static byte[] withTotalAsText(byte[] value, BigDecimal total) {
        try {
            var envelope = (ObjectNode) JSON.readTree(value);
            ((ObjectNode) envelope.get(EventCodec.DATA))
                    .put("total", total.toPlainString().replace('.', ','));
            return JSON.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
