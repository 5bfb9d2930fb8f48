package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Instant;

/**
 * Turns the JSON data of a domain's events into typed rows, one {@link CleanTable} per event type, in one step.
 * An event whose data lacks a required field, or holds a value of the wrong type, is routed to quarantine with
 * the field and what was found; so is an event of a type no table claims. A value must also fit where the clean zone
 * keeps it: a {@link ColumnType#DECIMAL} below 10<sup>16</sup> in magnitude, a {@link ColumnType#DOUBLE} finite, a
 * {@link ColumnType#TIMESTAMP} (and the envelope's {@code occurredAt}) between the years 1 and 9999. Whatever does
 * not is quarantined here, so that loading the clean zone never fails on one record.
 *
 * <p>One step for all tables, rather than one per table, because every step that reads the same events is a
 * branch the runner feeds separately: on Flink that nearly doubled the cost of cleaning two event types.
 */
public final class StructureJson extends PTransform<PCollection<RawEvent>, StructureJson.Tables> {

    public static final String MISSING_FIELD = "missing-field";
    public static final String INVALID_FIELD = "invalid-field";
    public static final String UNCLAIMED_TYPE = "unclaimed-type";

    private final List<CleanTable> tables;

    private StructureJson(List<CleanTable> tables) {
        this.tables = List.copyOf(tables);
        var types = new HashSet<String>();
        for (CleanTable table : tables) {
            if (!types.add(table.eventType())) {
                throw new IllegalArgumentException(
                        "Two clean tables claim event type " + table.eventType() + "; give each event type one table");
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("StructureJson needs at least one clean table");
        }
    }

    /** Structures each event into the table that claims its type. */
    public static StructureJson into(CleanTable... tables) {
        return new StructureJson(List.of(tables));
    }

    @Override
    public Tables expand(PCollection<RawEvent> events) {
        var tags = new LinkedHashMap<String, TupleTag<Row>>();
        tables.forEach(table -> tags.put(table.name(), new TupleTag<>(table.name()) {}));
        var tuple = events.apply(
                "ParseByEventType",
                ParDo.of(new ToRows(tables, tags))
                        .withOutputTags(Routed.QUARANTINE, TupleTagList.of(List.copyOf(tags.values()))));
        var rows = new LinkedHashMap<CleanTable, PCollection<Row>>();
        for (CleanTable table : tables) {
            rows.put(table, tuple.get(tags.get(table.name())).setCoder(SchemaCoder.of(table.schema())));
        }
        return new Tables(rows, tuple.get(Routed.QUARANTINE).setCoder(Quarantined.Coder.of()));
    }

    /** The rows of each table, and the events that could not be structured. */
    public static final class Tables implements POutput {

        private final Map<CleanTable, PCollection<Row>> rows;
        private final PCollection<Quarantined> quarantined;

        Tables(Map<CleanTable, PCollection<Row>> rows, PCollection<Quarantined> quarantined) {
            this.rows = rows;
            this.quarantined = quarantined;
        }

        public Map<CleanTable, PCollection<Row>> rows() {
            return rows;
        }

        public PCollection<Row> rows(CleanTable table) {
            var tableRows = rows.get(table);
            if (tableRows == null) {
                throw new IllegalArgumentException("This step did not structure table " + table.name());
            }
            return tableRows;
        }

        public PCollection<Quarantined> quarantined() {
            return quarantined;
        }

        @Override
        public Pipeline getPipeline() {
            return quarantined.getPipeline();
        }

        @Override
        public Map<TupleTag<?>, PValue> expand() {
            var values = new LinkedHashMap<TupleTag<?>, PValue>();
            rows.forEach((table, collection) -> values.put(new TupleTag<Row>(table.name()), collection));
            values.put(Routed.QUARANTINE, quarantined);
            return values;
        }

        @Override
        public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
    }

    static final class ToRows extends DoFn<RawEvent, Quarantined> {

        private final Map<String, CleanTable> tablesByType;
        private final Map<String, TupleTag<Row>> tags;
        private transient Map<String, Structurer> structurers;

        ToRows(List<CleanTable> tables, Map<String, TupleTag<Row>> tags) {
            this.tablesByType = new LinkedHashMap<>();
            tables.forEach(table -> tablesByType.put(table.eventType(), table));
            this.tags = new LinkedHashMap<>(tags);
        }

        @Setup
        public void setUp() {
            structurers = new HashMap<>();
            tablesByType.forEach((type, table) -> structurers.put(type, new Structurer(table)));
        }

        @ProcessElement
        public void process(@Element RawEvent event, MultiOutputReceiver out) {
            var structurer = structurers.get(event.eventType());
            if (structurer == null) {
                out.get(Routed.QUARANTINE)
                        .output(Quarantined.of(
                                event,
                                UNCLAIMED_TYPE,
                                "no clean table claims event type " + event.eventType() + "; add one for it"));
                return;
            }
            structurer.structure(event, out.get(tags.get(structurer.table.name())), out.get(Routed.QUARANTINE));
        }
    }

    /** Reads one table's columns out of an event's data. */
    static final class Structurer {

        /** Decimals stay exact: amounts are money, and JSON columns are written back as they came. */
        private static final ObjectMapper JSON =
                new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

        private final CleanTable table;
        private final Schema schema;
        private final JsonPointer[] pointers;

        Structurer(CleanTable table) {
            this.table = table;
            this.schema = table.schema();
            this.pointers = table.columns().stream()
                    .map(column -> column.jsonPointer() == null ? null : JsonPointer.compile(column.jsonPointer()))
                    .toArray(JsonPointer[]::new);
        }

        void structure(RawEvent event, DoFn.OutputReceiver<Row> rows, DoFn.OutputReceiver<Quarantined> quarantine) {
            JsonNode data;
            try {
                data = JSON.readTree(event.data());
            } catch (JsonProcessingException e) {
                quarantine.output(EventData.notJson(event, e));
                return;
            }
            var columns = table.columns();
            var values = new ArrayList<Object>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                var column = columns.get(i);
                Object value;
                if (pointers[i] == null) {
                    value = envelopeValue(column.name(), event);
                    if (value == null) {
                        quarantine.output(Quarantined.of(
                                event,
                                INVALID_FIELD,
                                event.eventType() + " envelope field occurredAt must be an instant between the years 1"
                                        + " and 9999, found " + event.occurredAtMicros() + " microseconds since 1970"));
                        return;
                    }
                } else {
                    JsonNode node = data.at(pointers[i]);
                    if (node.isMissingNode() || node.isNull()) {
                        if (column.required() == CleanTable.Required.YES) {
                            quarantine.output(Quarantined.of(
                                    event,
                                    MISSING_FIELD,
                                    event.eventType() + " has no " + column.jsonPointer() + " (column " + column.name()
                                            + " of " + table.name() + " is required)"));
                            return;
                        }
                        value = null;
                    } else {
                        value = convert(node, column.type());
                        if (value == null) {
                            quarantine.output(Quarantined.of(
                                    event,
                                    INVALID_FIELD,
                                    event.eventType() + " field " + column.jsonPointer() + " must be "
                                            + describe(column.type(), node) + ", found " + abbreviate(node)));
                            return;
                        }
                    }
                }
                values.add(value);
            }
            // Every value was converted to its column's type above, so the row needs no second check.
            rows.output(Row.withSchema(schema).attachValues(values));
        }

        private static Object envelopeValue(String column, RawEvent event) {
            return switch (column) {
                case "event_id" -> event.eventId();
                case "occurred_at" ->
                    inTimestampRange(event.occurredAtMicros()) ? new Instant(event.occurredAtMicros() / 1000) : null;
                default -> throw new IllegalStateException("Unknown envelope column " + column);
            };
        }

        /** The value as the column's Beam type, or null when the JSON value does not fit it. */
        static Object convert(JsonNode node, ColumnType type) {
            return switch (type) {
                case STRING -> node.isTextual() ? node.asText() : null;
                case INTEGER -> node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
                case BIGINT -> node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
                case DOUBLE -> node.isNumber() && Double.isFinite(node.doubleValue()) ? node.doubleValue() : null;
                case DECIMAL -> node.isNumber() ? decimal(node.decimalValue()) : null;
                case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
                case TIMESTAMP -> timestamp(node);
                case JSON -> node.isContainerNode() ? node.toString() : null;
            };
        }

        /** The largest magnitude a {@link ColumnType#DECIMAL} column holds: DECIMAL(18,2) keeps 16 digits before the point. */
        static final BigDecimal DECIMAL_MAX = new BigDecimal("9999999999999999.99");

        private static final BigDecimal BELOW_A_CENT = new BigDecimal("0.001");

        /** The earliest and latest instants a {@link ColumnType#TIMESTAMP} column holds, the years 1 to 9999. */
        static final java.time.Instant TIMESTAMP_MIN = java.time.Instant.parse("0001-01-01T00:00:00Z");

        static final java.time.Instant TIMESTAMP_MAX = java.time.Instant.parse("9999-12-31T23:59:59.999999Z");

        /**
         * The value with two decimal places, or null when it does not fit DECIMAL(18,2). Its magnitude is compared
         * before it is rounded: comparing reads the exponent, while rounding {@code 1e-999999999} would compute a power
         * of ten with a billion digits.
         */
        private static BigDecimal decimal(BigDecimal value) {
            if (value.abs().compareTo(DECIMAL_MAX) > 0) {
                return null;
            }
            if (value.abs().compareTo(BELOW_A_CENT) < 0) {
                return BigDecimal.ZERO.setScale(2);
            }
            return value.setScale(2, RoundingMode.HALF_EVEN);
        }

        private static Instant timestamp(JsonNode node) {
            if (!node.isTextual()) {
                return null;
            }
            java.time.Instant instant;
            try {
                instant = java.time.Instant.parse(node.asText());
            } catch (DateTimeParseException e) {
                return null;
            }
            // beyond these years, epoch milliseconds overflow, DuckDB refuses the value or its text has no four digits
            if (instant.isBefore(TIMESTAMP_MIN) || instant.isAfter(TIMESTAMP_MAX)) {
                return null;
            }
            return new Instant(instant.toEpochMilli());
        }

        private static boolean inTimestampRange(long micros) {
            return micros >= TIMESTAMP_MIN.getEpochSecond() * 1_000_000
                    && micros <= TIMESTAMP_MAX.getEpochSecond() * 1_000_000 + 999_999;
        }

        /** What a value of {@code type} must be, said of the {@code found} value that is not. */
        private static String describe(ColumnType type, JsonNode found) {
            return switch (type) {
                case STRING -> "a string";
                case INTEGER, BIGINT -> "an integer";
                case DOUBLE -> found.isNumber() ? "a number within a double's range" : "a number";
                case DECIMAL ->
                    found.isNumber() ? "a number between -9999999999999999.99 and 9999999999999999.99" : "a number";
                case BOOLEAN -> "true or false";
                case TIMESTAMP -> "an ISO-8601 instant between the years 1 and 9999, such as 2026-11-27T10:15:30Z";
                case JSON -> "an object or array";
            };
        }

        private static String abbreviate(JsonNode node) {
            String text = node.toString();
            return text.length() > 60 ? text.substring(0, 57) + "..." : text;
        }
    }
}
