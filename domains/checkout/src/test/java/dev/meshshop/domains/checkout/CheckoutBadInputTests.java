package dev.meshshop.domains.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.events.OrderPurchased;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.ingest.IngestStatus;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * Bad input on checkout's real topic, each record followed by a valid order: ingest keeps going, the refresh
 * (clean, model, publish) succeeds, and every record sent is a clean row or in quarantine with its reason. Among
 * the bad input are the records that used to stop the domain: an order dated in the year +1000000000, which
 * made ingest retry its batch forever, one dated in the year 100000, and one with a total of 1e50, each of which
 * made every refresh fail.
 */
@MeshPathTest
@TestPropertySource(properties = "mesh.personal-data-salt=checkout-bad-input-tests-salt")
class CheckoutBadInputTests {

    @RegisterExtension
    static final DomainPath checkout = DomainPath.of(CheckoutDomain.NAME);

    static final String TOPIC = CheckoutEvents.ORDER_PURCHASED.topic();

    final EventCodec codec = new EventCodec();
    final List<SimulatedRecord> records = new ArrayList<>();
    int orderNumber;

    @Test
    void badInputStopsNeitherIngestNorTheRefreshAndEveryRecordIsAccountedFor() {
        String valid = new String(order(), StandardCharsets.UTF_8);
        byte[] invalidUtf8 = order();
        invalidUtf8[new String(invalidUtf8, StandardCharsets.UTF_8).indexOf("web")] = (byte) 0xFF;
        var bad = new TreeMap<String, List<byte[]>>();
        bad.put("not-json", List.of(bytes("not json"), bytes(valid.substring(0, valid.length() / 2))));
        bad.put(
                "too-deep",
                List.of(bytes(valid.replace(
                        "\"channel\"", "\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"channel\""))));
        bad.put("too-large", List.of(bytes(valid.replace("\"web\"", "\"" + "w".repeat(300 * 1024) + "\""))));
        bad.put("not-utf8", List.of(invalidUtf8));
        bad.put("unpaired-surrogate", List.of(bytes(valid.replace("\"web\"", "\"\\udc00\""))));
        bad.put("wrong-type", List.of(bytes(valid.replaceFirst("\"eventId\":\"[^\"]*\"", "\"eventId\":4711"))));
        bad.put("no-event-id", List.of(bytes(valid.replaceFirst("\"eventId\":\"[^\"]*\",", ""))));
        bad.put("unknown-type", List.of(bytes(valid.replace("\"OrderPurchased\"", "\"OrderVanished\""))));
        bad.put(
                "out-of-range",
                List.of(
                        bytes(valid.replace("2025-12-31T18:00:00Z", "+1000000000-12-31T23:59:59Z")),
                        bytes(valid.replace("2025-12-31T18:00:00Z", "+100000-01-01T00:00:00Z")),
                        bytes(valid.replace("2025-12-31T18:00:00Z", "0000-12-31T10:00:00Z"))));
        bad.put("tombstone", Arrays.asList((byte[]) null));

        queue(bytes(valid));
        long validOrders = 1;
        var expected = new TreeMap<String, Long>();
        for (var rule : bad.entrySet()) {
            for (byte[] value : rule.getValue()) {
                queue(value);
                queue(order());
                validOrders++;
            }
            expected.put("ingest/" + rule.getKey(), (long) rule.getValue().size());
        }
        queue(bytes(valid)); // a duplicate: stored as sent, and one copy is set aside by cleaning
        expected.put("clean/duplicate", 1L);
        // a number ingest takes and the clean zone's DECIMAL(18,2) cannot hold: set aside by cleaning
        String hugeTotal = new String(order(), StandardCharsets.UTF_8);
        assertThat(hugeTotal).contains("\"orderTotal\":19.98");
        queue(bytes(hugeTotal.replace("\"orderTotal\":19.98", "\"orderTotal\":1e50")));
        expected.put("clean/invalid-field", 1L);

        checkout.send(records.iterator());
        checkout.awaitIngest();
        assertThat(checkout.runtime().ingestStatus().orElseThrow().state())
                .isIn(IngestStatus.State.CAUGHT_UP, IngestStatus.State.CATCHING_UP);
        checkout.refresh();

        checkout.assertQuarantined(expected);
        checkout.assertNothingVanished(records.size());
        assertThat(checkout.cleaning().cleanRows()).containsEntry("order_purchased", validOrders);
        assertThat(checkout.area().queryLong("SELECT count(*) FROM model.orders"))
                .isEqualTo(validOrders);
    }

    /** A valid purchase of a new order, dated on the last evening of the simulated year, so that the products are fresh. */
    private byte[] order() {
        orderNumber++;
        String id = UUID.nameUUIDFromBytes(("order-" + orderNumber).getBytes(StandardCharsets.UTF_8))
                .toString();
        return codec.encode(
                CheckoutEvents.ORDER_PURCHASED,
                "purchase-" + id,
                Instant.parse("2025-12-31T18:00:00Z"),
                new OrderPurchased(
                        id,
                        "session-" + id,
                        new OrderPurchased.Customer(
                                "customer-" + orderNumber, "c" + orderNumber + "@example.com", "Cus Tomer"),
                        List.of(new OrderPurchased.OrderLine("sku-0001", 2, new BigDecimal("9.99"))),
                        new BigDecimal("19.98"),
                        "EUR",
                        new OrderPurchased.Shipping("standard", new BigDecimal("4.95")),
                        null,
                        "web"));
    }

    /** Adds a record to those the test sends, in order, each on a key of its own. */
    private void queue(byte[] value) {
        records.add(new SimulatedRecord(TOPIC, "key-" + (records.size() + 1), value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
