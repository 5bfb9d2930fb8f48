package dev.meshshop.domains.checkout.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checkout's simulated system sends the shop's orders as checkout's events, and plants exactly what it says. */
class CheckoutSimulatorTests {

    static final long SEED = 20251231;
    static final double SCALE = 0.02;
    static final Faults FAULTY = new Faults(0.05, 0.03);
    static final double INVALID_TOTALS = 0.02;

    static final ObjectMapper JSON = new ObjectMapper();

    final ShopYear year = SimulatedShop.year(SEED, SCALE);

    @Test
    void theSameYearAndFaultsSendTheSameRecords() {
        var first = drain(new CheckoutSimulator(year, FAULTY, INVALID_TOTALS));
        var again = drain(new CheckoutSimulator(year, FAULTY, INVALID_TOTALS));

        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).topic()).isEqualTo(first.get(i).topic());
            assertThat(again.get(i).value()).isEqualTo(first.get(i).value());
        }
    }

    @Test
    void whatTheRecordsHoldIsWhatTheTruthSaysWasPlanted() throws IOException {
        var simulator = new CheckoutSimulator(year, FAULTY, INVALID_TOTALS);
        var records = drain(simulator);
        var truth = simulator.truth();

        var seen = new HashSet<String>();
        long duplicates = 0;
        long malformed = 0;
        long purchases = 0;
        long purchasesV1 = 0;
        long cancellations = 0;
        var invalidTotals = new HashSet<String>();
        for (SimulatedRecord record : records) {
            JsonNode envelope = parse(record);
            if (envelope == null || !envelope.hasNonNull("eventId") || !isCheckoutEvent(envelope)) {
                malformed++;
                continue;
            }
            if (!seen.add(envelope.get("eventId").asText())) {
                duplicates++;
                continue;
            }
            JsonNode data = envelope.get("data");
            if (envelope.get("type").asText().equals("OrderCancelled")) {
                cancellations++;
                continue;
            }
            purchases++;
            int version = envelope.get("schemaVersion").asInt();
            purchasesV1 += version == 1 ? 1 : 0;
            JsonNode total = data.get(version == 1 ? "total" : "orderTotal");
            if (total.isTextual()) {
                assertThat(total.asText()).matches("[0-9]+,[0-9]{2}");
                invalidTotals.add(data.get("orderId").asText());
            }
        }

        assertThat(truth.delivery().records()).isEqualTo(records.size());
        assertThat(truth.delivery().duplicates()).isEqualTo(duplicates).isPositive();
        assertThat(truth.delivery().malformed()).isEqualTo(malformed).isPositive();
        assertThat(truth.purchases())
                .isEqualTo(purchases)
                .isEqualTo(year.orders().size());
        assertThat(truth.purchasesV1())
                .isEqualTo(purchasesV1)
                .isEqualTo(year.orders().stream()
                        .filter(order -> order.purchasedAt().isBefore(CheckoutEvents.ORDER_PURCHASED_V2_FROM))
                        .count());
        assertThat(truth.cancellations())
                .isEqualTo(cancellations)
                .isEqualTo(year.orders().stream()
                        .filter(order -> order.cancelledAt().isPresent())
                        .count());
        assertThat(truth.invalidTotalOrders()).isEqualTo(invalidTotals).isNotEmpty();
    }

    @Test
    void withoutFaultsEveryRecordIsAValidEventSentOnce() throws IOException {
        var simulator = new CheckoutSimulator(year, Faults.NONE, 0);
        var records = drain(simulator);
        var truth = simulator.truth();

        assertThat(truth.delivery().duplicates()).isZero();
        assertThat(truth.delivery().malformed()).isZero();
        assertThat(truth.invalidTotals()).isZero();
        assertThat(records).hasSize((int) (truth.purchases() + truth.cancellations()));
        var eventIds = new HashSet<String>();
        for (SimulatedRecord record : records) {
            JsonNode envelope = parse(record);
            assertThat(envelope).isNotNull();
            assertThat(isCheckoutEvent(envelope)).isTrue();
            assertThat(eventIds.add(envelope.get("eventId").asText())).isTrue();
        }
    }

    @Test
    void eventsAreSentInTheOrderTheyHappenedWithTheShopsOrdersAndPersonalData() throws IOException {
        var orders = new HashMap<String, ShopYear.Order>();
        year.orders().forEach(order -> orders.put(order.id(), order));
        Map<String, ShopYear.Customer> customers = new HashMap<>();
        year.customers().forEach(customer -> customers.put(customer.id(), customer));

        Instant previous = Instant.MIN;
        for (SimulatedRecord record : drain(new CheckoutSimulator(year, Faults.NONE, 0))) {
            JsonNode envelope = parse(record);
            Instant occurredAt = Instant.parse(envelope.get("occurredAt").asText());
            assertThat(occurredAt).isAfterOrEqualTo(previous);
            previous = occurredAt;
            JsonNode data = envelope.get("data");
            var order = orders.get(data.get("orderId").asText());
            assertThat(record.key()).isEqualTo(order.id());
            if (envelope.get("type").asText().equals("OrderCancelled")) {
                assertThat(record.topic()).isEqualTo(CheckoutEvents.ORDER_CANCELLED.topic());
                assertThat(occurredAt).isEqualTo(order.cancelledAt().orElseThrow());
                continue;
            }
            assertThat(record.topic()).isEqualTo(CheckoutEvents.ORDER_PURCHASED.topic());
            assertThat(occurredAt).isEqualTo(order.purchasedAt());
            var customer = customers.get(order.customerId());
            assertThat(data.at("/customer/email").asText()).isEqualTo(customer.email());
            assertThat(data.at("/customer/name").asText()).isEqualTo(customer.name());
            assertThat(data.get("lines")).hasSize(order.lines().size());
            boolean v1 = envelope.get("schemaVersion").asInt() == 1;
            assertThat(v1).isEqualTo(order.purchasedAt().isBefore(CheckoutEvents.ORDER_PURCHASED_V2_FROM));
            assertThat(data.get(v1 ? "total" : "orderTotal").decimalValue()).isEqualByComparingTo(order.total());
            assertThat(data.at(v1 ? "/shippingFee" : "/shipping/fee").decimalValue())
                    .isEqualByComparingTo(order.shippingFee());
            assertThat(data.has("channel")).isEqualTo(!v1);
        }
    }

    @Test
    void theAppTakesAboutAThirdOfTheOrdersOnceItIsLive() {
        var ordersSinceTheApp = new ArrayList<ShopYear.Order>();
        for (ShopYear.Order order : year.orders()) {
            if (order.purchasedAt().isBefore(CheckoutEvents.ORDER_PURCHASED_V2_FROM)) {
                assertThat(CheckoutSimulator.channelOf(order)).isEqualTo("web");
            } else {
                ordersSinceTheApp.add(order);
            }
        }
        double app = ordersSinceTheApp.stream()
                        .filter(order -> CheckoutSimulator.channelOf(order).equals("app"))
                        .count()
                / (double) ordersSinceTheApp.size();
        assertThat(app).isCloseTo(1 - CheckoutSimulator.WEB_PERCENT / 100.0, within(0.05));
    }

    private static final Set<String> TYPES = Set.of("OrderPurchased", "OrderCancelled");

    private static boolean isCheckoutEvent(JsonNode envelope) {
        return TYPES.contains(envelope.path("type").asText());
    }

    /** The envelope, or null for a record that is not JSON. */
    private static JsonNode parse(SimulatedRecord record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            return null;
        }
    }

    private static List<SimulatedRecord> drain(CheckoutSimulator simulator) {
        var records = new ArrayList<SimulatedRecord>();
        simulator.forEachRemaining(records::add);
        return records;
    }
}
