package dev.meshshop.domains.payment.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.domains.payment.events.PaymentEvents;
import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payment's simulated system sends the shop's payments as payment's events, and plants exactly what it says. */
class PaymentSimulatorTests {

    static final long SEED = 20251231;
    static final double SCALE = 0.02;
    static final Faults FAULTY = new Faults(0.05, 0.03);

    static final ObjectMapper JSON = new ObjectMapper();

    final ShopYear year = SimulatedShop.year(SEED, SCALE);

    @Test
    void theSameYearAndFaultsSendTheSameRecords() {
        var first = drain(new PaymentSimulator(year, FAULTY));
        var again = drain(new PaymentSimulator(year, FAULTY));

        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).topic()).isEqualTo(first.get(i).topic());
            assertThat(again.get(i).value()).isEqualTo(first.get(i).value());
        }
    }

    @Test
    void whatTheRecordsHoldIsWhatTheTruthSaysWasPlanted() {
        var simulator = new PaymentSimulator(year, FAULTY);
        var records = drain(simulator);
        var truth = simulator.truth();

        var seen = new HashSet<String>();
        long duplicates = 0;
        long malformed = 0;
        var byType = new HashMap<String, Long>();
        long inCents = 0;
        long ibans = 0;
        for (SimulatedRecord record : records) {
            JsonNode envelope = parse(record);
            if (envelope == null || !envelope.hasNonNull("eventId") || typeOf(envelope) == null) {
                malformed++;
                continue;
            }
            if (!seen.add(envelope.get("eventId").asText())) {
                duplicates++;
                continue;
            }
            byType.merge(typeOf(envelope).name(), 1L, Long::sum);
            JsonNode data = envelope.get("data");
            if (typeOf(envelope) == PaymentEvents.PAYMENT_AUTHORIZED
                    && data.at("/payer/iban").isTextual()) {
                ibans++;
            }
            if (typeOf(envelope) == PaymentEvents.PAYMENT_AUTHORIZED
                    && data.get("appVersion").asText().equals(PaymentApp.BUGGY_VERSION)) {
                assertThat(data.get("amount").isIntegralNumber()).isTrue();
                inCents++;
            }
        }

        assertThat(truth.delivery().records()).isEqualTo(records.size());
        assertThat(truth.delivery().duplicates()).isEqualTo(duplicates).isPositive();
        assertThat(truth.delivery().malformed()).isEqualTo(malformed).isPositive();
        assertThat(truth.authorizations())
                .isEqualTo(byType.get("PaymentAuthorized"))
                .isEqualTo(year.orders().stream()
                        .filter(order -> ShopCalendar.inYear(order.payment().authorizedAt()))
                        .count());
        assertThat(truth.failures()).isEqualTo(byType.get("PaymentFailed")).isPositive();
        assertThat(truth.refunds()).isEqualTo(byType.get("PaymentRefunded")).isPositive();
        assertThat(truth.payerIbans())
                .isEqualTo(ibans)
                .isEqualTo(year.orders().stream()
                        .filter(order -> ShopCalendar.inYear(order.payment().authorizedAt())
                                && order.payment().method().equals("sepa"))
                        .count())
                .isPositive();
        assertThat(truth.amountsInCents())
                .isEqualTo(inCents)
                .isEqualTo(year.orders().stream()
                        .filter(order -> !order.payment().authorizedAt().isBefore(PaymentApp.BUGGY_FROM)
                                && order.payment().authorizedAt().isBefore(PaymentApp.BUGGY_UNTIL))
                        .count())
                .isPositive();
    }

    @Test
    void withoutDeliveryFaultsEveryRecordIsAValidEventSentOnce() {
        var simulator = new PaymentSimulator(year, Faults.NONE);
        var records = drain(simulator);
        var truth = simulator.truth();

        assertThat(truth.delivery().duplicates()).isZero();
        assertThat(truth.delivery().malformed()).isZero();
        assertThat(records).hasSize((int) (truth.authorizations() + truth.failures() + truth.refunds()));
        var eventIds = new HashSet<String>();
        for (SimulatedRecord record : records) {
            JsonNode envelope = parse(record);
            assertThat(typeOf(envelope)).isNotNull();
            assertThat(eventIds.add(envelope.get("eventId").asText())).isTrue();
        }
        // the app's bug is no delivery fault: it is in the data whatever the rates
        assertThat(truth.amountsInCents()).isPositive();
    }

    @Test
    void eventsAreSentInTheOrderTheyHappenedWithTheShopsPaymentsAndPersonalData() {
        Map<String, ShopYear.Order> orders = new HashMap<>();
        year.orders().forEach(order -> orders.put(order.id(), order));
        Map<String, ShopYear.Customer> customers = new HashMap<>();
        year.customers().forEach(customer -> customers.put(customer.id(), customer));

        Instant previous = Instant.MIN;
        for (SimulatedRecord record : drain(new PaymentSimulator(year, Faults.NONE))) {
            JsonNode envelope = parse(record);
            var type = typeOf(envelope);
            assertThat(record.topic()).isEqualTo(type.topic());
            Instant occurredAt = Instant.parse(envelope.get("occurredAt").asText());
            assertThat(occurredAt).isAfterOrEqualTo(previous).isBefore(ShopCalendar.YEAR_END);
            previous = occurredAt;
            JsonNode data = envelope.get("data");
            var order = orders.get(data.get("orderId").asText());
            var payment = order.payment();
            assertThat(record.key()).isEqualTo(order.id());
            assertThat(data.get("paymentId").asText()).isEqualTo(payment.id());
            if (type == PaymentEvents.PAYMENT_AUTHORIZED) {
                assertThat(occurredAt).isEqualTo(payment.authorizedAt());
                BigDecimal amount = data.get("amount").decimalValue();
                assertThat(PaymentApp.sentInCents(occurredAt) ? amount.movePointLeft(2) : amount)
                        .isEqualByComparingTo(payment.amount());
                assertThat(data.get("appVersion").asText()).isEqualTo(PaymentApp.versionAt(occurredAt));
                var customer = customers.get(order.customerId());
                assertThat(data.at("/payer/name").asText()).isEqualTo(customer.name());
                assertThat(data.at("/payer/iban").isNull())
                        .isEqualTo(!payment.method().equals("sepa"));
                if (payment.method().equals("sepa")) {
                    assertThat(data.at("/payer/iban").asText()).isEqualTo(customer.iban());
                }
            } else if (type == PaymentEvents.PAYMENT_FAILED) {
                assertThat(occurredAt).isEqualTo(payment.failedAt().orElseThrow());
                assertThat(data.get("reason").asText())
                        .isEqualTo(payment.failureReason().orElseThrow());
            } else {
                var refund = payment.refunds().stream()
                        .filter(candidate ->
                                candidate.id().equals(data.get("refundId").asText()))
                        .findFirst()
                        .orElseThrow();
                assertThat(occurredAt).isEqualTo(refund.at());
                assertThat(data.get("amount").decimalValue()).isEqualByComparingTo(refund.amount());
            }
        }
    }

    @Test
    void onlyTheBuggyAppVersionSendsCentsFromTenToTwentyFourMarch() {
        assertThat(PaymentApp.versionAt(Instant.parse("2025-03-09T23:59:59Z"))).isEqualTo("2.3.0");
        assertThat(PaymentApp.versionAt(Instant.parse("2025-03-10T00:00:00Z"))).isEqualTo(PaymentApp.BUGGY_VERSION);
        assertThat(PaymentApp.versionAt(Instant.parse("2025-03-24T23:59:59Z"))).isEqualTo(PaymentApp.BUGGY_VERSION);
        assertThat(PaymentApp.versionAt(Instant.parse("2025-03-25T00:00:00Z"))).isEqualTo("2.4.0");
    }

    private static final List<EventType<?>> TYPES = PaymentEvents.ALL;

    /** The event type of an envelope, or null when it is not one of payment's. */
    private static EventType<?> typeOf(JsonNode envelope) {
        return TYPES.stream()
                .filter(type -> type.name().equals(envelope.path("type").asText()))
                .findFirst()
                .orElse(null);
    }

    /** The envelope, or null for a record that is not JSON. */
    private static JsonNode parse(SimulatedRecord record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            return null;
        }
    }

    private static List<SimulatedRecord> drain(PaymentSimulator simulator) {
        var records = new ArrayList<SimulatedRecord>();
        simulator.forEachRemaining(records::add);
        return records;
    }
}
