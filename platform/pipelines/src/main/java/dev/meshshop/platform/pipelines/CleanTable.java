package dev.meshshop.platform.pipelines;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A table of the clean zone: which event type fills it, and how each column is read from the event's data.
 * Every clean table starts with the envelope columns {@code event_id} and {@code occurred_at}.
 *
 * <pre>{@code
 * CleanTable.of("order_purchased", "OrderPurchased")
 *     .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
 *     .column("total", ColumnType.DECIMAL, "/total", Required.YES);
 * }</pre>
 */
public record CleanTable(String name, String eventType, List<Column> columns) implements Serializable {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** Columns every clean table has, taken from the envelope. */
    public static final List<Column> ENVELOPE = List.of(
            new Column("event_id", ColumnType.STRING, null, Required.YES),
            new Column("occurred_at", ColumnType.TIMESTAMP, null, Required.YES));

    public CleanTable {
        requireName("table", name);
        Objects.requireNonNull(eventType, "eventType");
        columns = List.copyOf(columns);
        var names = columns.stream().map(Column::name).collect(Collectors.toSet());
        if (names.size() != columns.size()) {
            throw new IllegalArgumentException("Clean table " + name + " names a column twice");
        }
    }

    public static CleanTable of(String name, String eventType) {
        return new CleanTable(name, eventType, ENVELOPE);
    }

    /**
     * A table of entity changes ({@code EntityChanged} events from an outbox or change data capture) in the shape the
     * platform's {@code entity_history} and {@code entity_latest} SQL macros read: the envelope, then
     * {@code entity_key}, {@code operation} and {@code sequence}. The entity's own columns follow with
     * {@link #state}.
     */
    public static CleanTable ofEntityChanges(String name, String eventType) {
        return of(name, eventType)
                .column("entity_key", ColumnType.STRING, "/key", Required.YES)
                .column("operation", ColumnType.STRING, "/operation", Required.YES)
                .column("sequence", ColumnType.BIGINT, "/sequence", Required.YES);
    }

    /** A column of an entity's state after the change, read from {@code /state/<field>} of an entity change. */
    public CleanTable state(String column, ColumnType type, String field, Required required) {
        return column(column, type, "/state/" + field, required);
    }

    /** A column read from the event data at a JSON pointer such as {@code /shipping/option}. */
    public CleanTable column(String column, ColumnType type, String jsonPointer, Required required) {
        requireName("column", column);
        if (jsonPointer == null || !jsonPointer.startsWith("/")) {
            throw new IllegalArgumentException(
                    "Column " + column + " of " + name + " needs a JSON pointer into the event data, such as /orderId");
        }
        var extended = new ArrayList<>(columns);
        extended.add(new Column(column, type, jsonPointer, required));
        return new CleanTable(name, eventType, extended);
    }

    /** The Beam schema of the table's rows. */
    public Schema schema() {
        return columns.stream()
                .map(column -> column.required() == Required.YES
                        ? Schema.Field.of(column.name(), column.type().beamType())
                        : Schema.Field.nullable(column.name(), column.type().beamType()))
                .collect(Schema.toSchema());
    }

    /** The DuckDB column list, as in {@code CREATE TABLE t (<this>)}. */
    public String sqlColumns() {
        return columns.stream()
                .map(column -> column.name() + " " + column.type().sqlType()
                        + (column.required() == Required.YES ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "The " + what + " name '" + value + "' must be lower-case snake case, such as order_purchased");
        }
    }

    /** Whether an event without the field is quarantined ({@code YES}) or gets a null ({@code NO}). */
    public enum Required {
        YES,
        NO
    }

    public record Column(String name, ColumnType type, String jsonPointer, Required required) implements Serializable {}
}
