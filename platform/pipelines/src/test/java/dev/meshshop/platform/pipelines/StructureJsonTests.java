package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.itemSold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import java.math.BigDecimal;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class StructureJsonTests {

    static final CleanTable ITEMS_SOLD = CleanTable.of("items_sold", "ItemSold")
            .column("sku", ColumnType.STRING, "/sku", Required.YES)
            .column("quantity", ColumnType.INTEGER, "/quantity", Required.YES)
            .column("price", ColumnType.DECIMAL, "/price", Required.YES)
            .column("coupon", ColumnType.STRING, "/coupon/code", Required.NO)
            .column("tags", ColumnType.JSON, "/tags", Required.NO);

    static final CleanTable ITEMS_RETURNED =
            CleanTable.of("items_returned", "ItemReturned").column("sku", ColumnType.STRING, "/sku", Required.YES);

    final TestPipeline pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);

    @Test
    void readsEachColumnFromItsJsonPointerWithTheEnvelopeFirst() {
        var events = pipeline.apply(Create.of(
                        itemSold(
                                "e-1",
                                1,
                                "{\"sku\":\"s-1\",\"quantity\":3,\"price\":4.5,\"coupon\":{\"code\":\"X\"},"
                                        + "\"tags\":[\"a\"]}"),
                        itemSold("e-2", 2, "{\"sku\":\"s-2\",\"quantity\":1,\"price\":10}"))
                .withCoder(RawEvent.Coder.of()));

        var structured = events.apply(StructureJson.into(ITEMS_SOLD));

        var may = new Instant(RawEvents.MAY_FIRST_MICROS / 1000);
        PAssert.that(structured.rows(ITEMS_SOLD))
                .containsInAnyOrder(
                        Row.withSchema(ITEMS_SOLD.schema())
                                .addValues("e-1", may, "s-1", 3, new BigDecimal("4.50"), "X", "[\"a\"]")
                                .build(),
                        Row.withSchema(ITEMS_SOLD.schema())
                                .addValues("e-2", may, "s-2", 1, new BigDecimal("10.00"), null, null)
                                .build());
        PAssert.that(structured.quarantined()).empty();
        pipeline.run().waitUntilFinish();
    }

    @Test
    void quarantinesEventsWithMissingOrMistypedFieldsAndSaysWhich() {
        var events = pipeline.apply(Create.of(
                        itemSold("no-sku", 1, "{\"quantity\":3,\"price\":4.5}"),
                        itemSold("null-price", 2, "{\"sku\":\"s\",\"quantity\":3,\"price\":null}"),
                        itemSold("text-quantity", 3, "{\"sku\":\"s\",\"quantity\":\"three\",\"price\":1}"),
                        itemSold("fraction-quantity", 4, "{\"sku\":\"s\",\"quantity\":1.5,\"price\":1}"),
                        itemSold("not-json", 5, "{oops"))
                .withCoder(RawEvent.Coder.of()));

        var structured = events.apply(StructureJson.into(ITEMS_SOLD));

        PAssert.that(structured.rows(ITEMS_SOLD)).empty();
        PAssert.that(structured
                        .quarantined()
                        .apply(MapElements.into(TypeDescriptors.strings())
                                .via(q -> q.event().eventId() + " " + q.rule() + " " + q.reason())))
                .containsInAnyOrder(
                        "no-sku missing-field ItemSold has no /sku (column sku of items_sold is required)",
                        "null-price missing-field ItemSold has no /price (column price of items_sold is required)",
                        "text-quantity invalid-field ItemSold field /quantity must be an integer, found \"three\"",
                        "fraction-quantity invalid-field ItemSold field /quantity must be an integer, found 1.5",
                        "not-json invalid-field data is not JSON: Unexpected character ('o' (code 111)): was expecting"
                                + " double-quote to start field name");
        pipeline.run().waitUntilFinish();
    }

    static final CleanTable MEASURED = CleanTable.of("items_sold", "ItemSold")
            .column("price", ColumnType.DECIMAL, "/price", Required.YES)
            .column("weight", ColumnType.DOUBLE, "/weight", Required.NO)
            .column("sold_at", ColumnType.TIMESTAMP, "/soldAt", Required.NO);

    @Test
    void quarantinesValuesTheCleanZoneCannotHoldRatherThanFailItsLoad() {
        var year100000 = java.time.Instant.parse("+100000-01-01T00:00:00Z");
        var events = pipeline.apply(Create.of(
                        itemSold(
                                "largest",
                                1,
                                "{\"price\":-9999999999999999.99,\"weight\":1e300,"
                                        + "\"soldAt\":\"9999-12-31T23:59:59.999Z\"}"),
                        itemSold("tiny", 2, "{\"price\":1e-999999999,\"soldAt\":\"0001-01-01T00:00:00Z\"}"),
                        itemSold("huge-price", 3, "{\"price\":1e50}"),
                        itemSold("rounds-beyond", 4, "{\"price\":9999999999999999.995}"),
                        itemSold("far-beyond", 5, "{\"price\":-1e999999999}"),
                        itemSold("infinite-weight", 6, "{\"price\":1,\"weight\":1e400}"),
                        itemSold("year-100000", 7, "{\"price\":1,\"soldAt\":\"+100000-01-01T00:00:00Z\"}"),
                        itemSold("year-1000000000", 8, "{\"price\":1,\"soldAt\":\"+1000000000-12-31T23:59:59Z\"}"),
                        itemSold("year-0", 9, "{\"price\":1,\"soldAt\":\"0000-12-31T10:00:00Z\"}"),
                        RawEvents.at(
                                itemSold("occurred-in-100000", 10, "{\"price\":1}"),
                                year100000.getEpochSecond() * 1_000_000))
                .withCoder(RawEvent.Coder.of()));

        var structured = events.apply(StructureJson.into(MEASURED));

        var may = new Instant(RawEvents.MAY_FIRST_MICROS / 1000);
        PAssert.that(structured.rows(MEASURED))
                .containsInAnyOrder(
                        Row.withSchema(MEASURED.schema())
                                .addValues(
                                        "largest",
                                        may,
                                        new BigDecimal("-9999999999999999.99"),
                                        1e300,
                                        new Instant(java.time.Instant.parse("9999-12-31T23:59:59.999Z")
                                                .toEpochMilli()))
                                .build(),
                        Row.withSchema(MEASURED.schema())
                                .addValues(
                                        "tiny",
                                        may,
                                        new BigDecimal("0.00"),
                                        null,
                                        new Instant(java.time.Instant.parse("0001-01-01T00:00:00Z")
                                                .toEpochMilli()))
                                .build());
        String decimal = " invalid-field ItemSold field /price must be a number between -9999999999999999.99 and"
                + " 9999999999999999.99, found ";
        String timestamp = " invalid-field ItemSold field /soldAt must be an ISO-8601 instant between the years 1 and"
                + " 9999, such as 2026-11-27T10:15:30Z, found ";
        PAssert.that(structured
                        .quarantined()
                        .apply(MapElements.into(TypeDescriptors.strings())
                                .via(q -> q.event().eventId() + " " + q.rule() + " " + q.reason())))
                .containsInAnyOrder(
                        "huge-price" + decimal + "1E+50",
                        "rounds-beyond" + decimal + "9999999999999999.995",
                        "far-beyond" + decimal + "-1E+999999999",
                        "infinite-weight invalid-field ItemSold field /weight must be a number within a double's"
                                + " range, found 1E+400",
                        "year-100000" + timestamp + "\"+100000-01-01T00:00:00Z\"",
                        "year-1000000000" + timestamp + "\"+1000000000-12-31T23:59:59Z\"",
                        "year-0" + timestamp + "\"0000-12-31T10:00:00Z\"",
                        "occurred-in-100000 invalid-field ItemSold envelope field occurredAt must be an instant"
                                + " between the years 1 and 9999, found " + year100000.getEpochSecond() * 1_000_000
                                + " microseconds since 1970");
        pipeline.run().waitUntilFinish();
    }

    @Test
    void routesEachEventTypeToItsTableAndQuarantinesTypesNoTableClaims() {
        var returned = new RawEvent("shop.item-returned.v1", 0, 7, "r-1", "ItemReturned", 1, 0, "{\"sku\":\"s-9\"}");
        var other = new RawEvent("shop.item-viewed.v1", 0, 8, "v-1", "ItemViewed", 1, 0, "{}");
        var structured = pipeline.apply(
                        Create.of(itemSold("e-1", 1), returned, other).withCoder(RawEvent.Coder.of()))
                .apply(StructureJson.into(ITEMS_SOLD, ITEMS_RETURNED));

        PAssert.that(structured
                        .rows(ITEMS_SOLD)
                        .apply(
                                "SoldIds",
                                MapElements.into(TypeDescriptors.strings()).via(row -> row.getString("event_id"))))
                .containsInAnyOrder("e-1");
        PAssert.that(structured
                        .rows(ITEMS_RETURNED)
                        .apply(
                                "ReturnedSkus",
                                MapElements.into(TypeDescriptors.strings()).via(row -> row.getString("sku"))))
                .containsInAnyOrder("s-9");
        PAssert.that(structured
                        .quarantined()
                        .apply(
                                "Unclaimed",
                                MapElements.into(TypeDescriptors.strings()).via(q -> q.rule() + " " + q.reason())))
                .containsInAnyOrder("unclaimed-type no clean table claims event type ItemViewed; add one for it");
        pipeline.run().waitUntilFinish();
    }

    @Test
    void twoTablesCannotClaimTheSameEventType() {
        assertThatThrownBy(() -> StructureJson.into(ITEMS_SOLD, CleanTable.of("sales_again", "ItemSold")))
                .hasMessageContaining("Two clean tables claim event type ItemSold");
    }

    @Test
    void convertsOnlyValuesThatFitTheColumnType() {
        var json = new ObjectMapper();
        assertThat(StructureJson.Structurer.convert(json.valueToTree(3_000_000_000L), ColumnType.INTEGER))
                .isNull();
        assertThat(StructureJson.Structurer.convert(json.valueToTree(3_000_000_000L), ColumnType.BIGINT))
                .isEqualTo(3_000_000_000L);
        assertThat(StructureJson.Structurer.convert(json.valueToTree("2026-11-27T10:15:30Z"), ColumnType.TIMESTAMP))
                .isEqualTo(new Instant(
                        java.time.Instant.parse("2026-11-27T10:15:30Z").toEpochMilli()));
        assertThat(StructureJson.Structurer.convert(json.valueToTree("next friday"), ColumnType.TIMESTAMP))
                .isNull();
        assertThat(StructureJson.Structurer.convert(json.valueToTree("true"), ColumnType.BOOLEAN))
                .isNull();
    }

    @Test
    void rejectsTableDefinitionsAPersonWouldGetWrong() {
        assertThatThrownBy(() -> CleanTable.of("Items", "ItemSold")).hasMessageContaining("snake case");
        assertThatThrownBy(
                        () -> CleanTable.of("items", "ItemSold").column("sku", ColumnType.STRING, "sku", Required.YES))
                .hasMessageContaining("JSON pointer");
        assertThatThrownBy(() -> ITEMS_SOLD.column("sku", ColumnType.STRING, "/sku", Required.YES))
                .hasMessageContaining("names a column twice");
    }
}
