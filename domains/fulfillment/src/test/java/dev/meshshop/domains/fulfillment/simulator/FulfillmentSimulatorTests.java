package dev.meshshop.domains.fulfillment.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.simulation.DeliveryTally;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FulfillmentSimulatorTests {

    static final long SEED = 4711;
    static final double SCALE = 0.003;
    static final Faults FAULTY = new Faults(0.05, 0.02);
    static final double NEGATIVE_READINGS = 0.03;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES =
            FulfillmentEvents.ALL.stream().map(EventType::name).collect(Collectors.toSet());

    @Test
    void theSameSeedSendsTheSameRecords() {
        var first = texts(new FulfillmentSimulator(SEED, SCALE, FAULTY, NEGATIVE_READINGS).records());
        var again = texts(new FulfillmentSimulator(SEED, SCALE, FAULTY, NEGATIVE_READINGS).records());

        assertThat(again).isEqualTo(first);
        assertThat(texts(new FulfillmentSimulator(SEED + 1, SCALE, FAULTY, NEGATIVE_READINGS).records()))
                .isNotEqualTo(first);
    }

    @Test
    void theTruthCountsExactlyWhatTheRecordsHold() {
        var simulator = new FulfillmentSimulator(SEED, SCALE, FAULTY, NEGATIVE_READINGS);
        var sent = Sent.read(simulator.records());
        var truth = simulator.truth();
        var year = SimulatedShop.year(SEED, SCALE);

        assertThat(truth.delivery())
                .isEqualTo(new DeliveryTally(
                        sent.records, sent.duplicates, sent.notJson, sent.noEventId, sent.unknownType));
        assertThat(truth.negativeReadings()).isEqualTo(sent.negative.size()).isPositive();
        assertThat(truth.stockChanges())
                .isEqualTo(sent.byType.get("InventoryUpdated") - sent.negative.size())
                .isEqualTo(year.stockLevels().size());
        assertThat(truth.shipments())
                .isEqualTo(sent.byType.get("ShipmentDispatched"))
                .isEqualTo(year.orders().stream()
                        .filter(order -> order.shipment().isPresent())
                        .count());
        assertThat(truth.deliveries())
                .isEqualTo(sent.byType.get("ShipmentDelivered"))
                .isEqualTo(year.orders().stream()
                        .filter(order -> order.shipment()
                                .flatMap(shipment -> shipment.deliveredAt())
                                .isPresent())
                        .count());
        assertThat(truth.returns())
                .isEqualTo(sent.byType.get("ReturnReceived"))
                .isEqualTo(year.orders().stream()
                        .filter(order -> order.goodsReturn().isPresent())
                        .count());
        assertThat(truth.events()).isEqualTo(sent.events);
        assertThat(truth.delivery().duplicates()).isPositive();
        assertThat(truth.delivery().malformed()).isPositive();
    }

    @Test
    void aNegativeReadingComesSecondsBeforeTheCorrectReadingOfTheSameArticleAndLocation() {
        var sent = Sent.read(new FulfillmentSimulator(SEED, SCALE, FAULTY, NEGATIVE_READINGS).records());

        assertThat(sent.negative).isNotEmpty().allSatisfy(negative -> {
            var correct =
                    sent.correctReadings.get(negative.data().path("sequence").asLong());
            assertThat(correct).isNotNull();
            assertThat(correct.data().path("available").asInt()).isNotNegative();
            assertThat(negative.data().path("sku")).isEqualTo(correct.data().path("sku"));
            assertThat(negative.data().path("location"))
                    .isEqualTo(correct.data().path("location"));
            assertThat(negative.data().path("reason").asText()).isIn("sale", "restock");
            assertThat(Duration.between(negative.occurredAt(), correct.occurredAt()))
                    .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(21));
        });
    }

    @Test
    void correctEventsAreSentInTheOrderTheyHappened() {
        var sent = Sent.read(new FulfillmentSimulator(SEED, SCALE, FAULTY, NEGATIVE_READINGS).records());

        assertThat(sent.correctInSendingOrder).isSortedAccordingTo(Instant::compareTo);
        assertThat(sent.correctInSendingOrder.get(0)).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(sent.correctInSendingOrder.get(sent.correctInSendingOrder.size() - 1))
                .isBefore(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void withoutFaultsNothingIsPlanted() {
        var truth = new FulfillmentSimulator(SEED, SCALE, Faults.NONE, 0).truth();

        assertThat(truth.delivery().duplicates()).isZero();
        assertThat(truth.delivery().malformed()).isZero();
        assertThat(truth.negativeReadings()).isZero();
        assertThat(truth.delivery().records()).isEqualTo(truth.events()).isPositive();
    }

    @Test
    void refusesARateOfNegativeReadingsThatIsNotAProbability() {
        assertThatThrownBy(() -> new FulfillmentSimulator(SEED, SCALE, Faults.NONE, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative readings");
    }

    private static List<String> texts(Iterator<SimulatedRecord> records) {
        var texts = new ArrayList<String>();
        records.forEachRemaining(record -> texts.add(
                record.topic() + " " + record.key() + " " + new String(record.value(), StandardCharsets.UTF_8)));
        return texts;
    }

    /** An event as sent, read back from its envelope. */
    record Event(String type, Instant occurredAt, JsonNode data) {}

    /** The records a simulator sent, told apart the way ingest and cleaning tell them apart. */
    static final class Sent {
        long records;
        long duplicates;
        long notJson;
        long noEventId;
        long unknownType;
        long events;
        final Map<String, Long> byType = new HashMap<>();
        final List<Event> negative = new ArrayList<>();
        final Map<Long, Event> correctReadings = new HashMap<>();
        final List<Instant> correctInSendingOrder = new ArrayList<>();

        static Sent read(Iterator<SimulatedRecord> records) {
            var sent = new Sent();
            var eventIds = new HashSet<String>();
            records.forEachRemaining(record -> {
                sent.records++;
                JsonNode envelope;
                try {
                    envelope = JSON.readTree(record.value());
                } catch (IOException e) {
                    sent.notJson++;
                    return;
                }
                if (!envelope.hasNonNull("eventId")) {
                    sent.noEventId++;
                } else if (!TYPES.contains(envelope.path("type").asText())) {
                    sent.unknownType++;
                } else if (!eventIds.add(envelope.path("eventId").asText())) {
                    sent.duplicates++;
                } else {
                    sent.events++;
                    var event = new Event(
                            envelope.path("type").asText(),
                            Instant.parse(envelope.path("occurredAt").asText()),
                            envelope.path("data"));
                    sent.byType.merge(event.type(), 1L, Long::sum);
                    if (event.type().equals("InventoryUpdated")) {
                        if (event.data().path("available").asInt() < 0) {
                            sent.negative.add(event);
                            return;
                        }
                        sent.correctReadings.put(event.data().path("sequence").asLong(), event);
                    }
                    sent.correctInSendingOrder.add(event.occurredAt());
                }
            });
            return sent;
        }
    }
}
