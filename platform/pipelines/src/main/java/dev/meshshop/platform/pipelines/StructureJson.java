package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.RoundingMode;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Turns the JSON data of one event type into typed rows of a {@link CleanTable}. Events of other types are
 * not this step's business and pass by; an event whose data lacks a required field, or holds a value of the
 * wrong type, is routed to quarantine with the field and what was found.
 */
public final class StructureJson extends PTransform<PCollection<RawEvent>, Routed<Row>> {

    public static final String MISSING_FIELD = "missing-field";
    public static final String INVALID_FIELD = "invalid-field";

    private final CleanTable table;

    private StructureJson(CleanTable table) {
        this.table = table;
    }

    public static StructureJson into(CleanTable table) {
        return new StructureJson(table);
    }

    @Override
    public Routed<Row> expand(PCollection<RawEvent> events) {
        var rows = new TupleTag<Row>("rows") {};
        var tuple = events.apply(
                "Parse" + table.eventType(),
                ParDo.of(new ToRow(table, rows)).withOutputTags(rows, TupleTagList.of(Routed.QUARANTINE)));
        return Routed.of(tuple, rows, SchemaCoder.of(table.schema()));
    }

    static final class ToRow extends DoFn<RawEvent, Row> {

        /** Decimals stay exact: amounts are money, and JSON columns are written back as they came. */
        private static final ObjectMapper JSON =
                new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

        private final CleanTable table;
        private final TupleTag<Row> rows;
        private transient Schema schema;
        private transient JsonPointer[] pointers;

        ToRow(CleanTable table, TupleTag<Row> rows) {
            this.table = table;
            this.rows = rows;
        }

        @Setup
        public void setUp() {
            schema = table.schema();
            pointers = table.columns().stream()
                    .map(column -> column.jsonPointer() == null ? null : JsonPointer.compile(column.jsonPointer()))
                    .toArray(JsonPointer[]::new);
        }

        @ProcessElement
        public void process(@Element RawEvent event, MultiOutputReceiver out) {
            if (!event.eventType().equals(table.eventType())) {
                return;
            }
            JsonNode data;
            try {
                data = JSON.readTree(event.data());
            } catch (JsonProcessingException e) {
                out.get(Routed.QUARANTINE)
                        .output(Quarantined.of(event, INVALID_FIELD, "data is not JSON: " + e.getOriginalMessage()));
                return;
            }
            var columns = table.columns();
            var values = new ArrayList<Object>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                var column = columns.get(i);
                Object value;
                if (pointers[i] == null) {
                    value = envelopeValue(column.name(), event);
                } else {
                    JsonNode node = data.at(pointers[i]);
                    if (node.isMissingNode() || node.isNull()) {
                        if (column.required() == CleanTable.Required.YES) {
                            out.get(Routed.QUARANTINE)
                                    .output(Quarantined.of(
                                            event,
                                            MISSING_FIELD,
                                            event.eventType() + " has no " + column.jsonPointer() + " (column "
                                                    + column.name() + " of " + table.name() + " is required)"));
                            return;
                        }
                        value = null;
                    } else {
                        value = convert(node, column.type());
                        if (value == null) {
                            out.get(Routed.QUARANTINE)
                                    .output(Quarantined.of(
                                            event,
                                            INVALID_FIELD,
                                            event.eventType() + " field " + column.jsonPointer() + " must be "
                                                    + describe(column.type()) + ", found " + abbreviate(node)));
                            return;
                        }
                    }
                }
                values.add(value);
            }
            // Every value was converted to its column's type above, so the row needs no second check.
            out.get(rows).output(Row.withSchema(schema).attachValues(values));
        }

        private static Object envelopeValue(String column, RawEvent event) {
            return switch (column) {
                case "event_id" -> event.eventId();
                case "occurred_at" -> new Instant(event.occurredAtMicros() / 1000);
                default -> throw new IllegalStateException("Unknown envelope column " + column);
            };
        }

        /** The value as the column's Beam type, or null when the JSON value does not fit it. */
        static Object convert(JsonNode node, ColumnType type) {
            return switch (type) {
                case STRING -> node.isTextual() ? node.asText() : null;
                case INTEGER -> node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
                case BIGINT -> node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
                case DOUBLE -> node.isNumber() ? node.doubleValue() : null;
                case DECIMAL -> node.isNumber() ? node.decimalValue().setScale(2, RoundingMode.HALF_EVEN) : null;
                case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
                case TIMESTAMP -> timestamp(node);
                case JSON -> node.isContainerNode() ? node.toString() : null;
            };
        }

        private static Instant timestamp(JsonNode node) {
            if (!node.isTextual()) {
                return null;
            }
            try {
                return new Instant(java.time.Instant.parse(node.asText()).toEpochMilli());
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static String describe(ColumnType type) {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER, BIGINT -> "an integer";
                case DOUBLE, DECIMAL -> "a number";
                case BOOLEAN -> "true or false";
                case TIMESTAMP -> "an ISO-8601 instant such as 2026-11-27T10:15:30Z";
                case JSON -> "an object or array";
            };
        }

        private static String abbreviate(JsonNode node) {
            String text = node.toString();
            return text.length() > 60 ? text.substring(0, 57) + "..." : text;
        }
    }
}
