package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The current schema version of one event type, and how the data of each older version maps to the current
 * shape. Each older version maps straight to the current one, so a reader sees in one place everything that
 * changed since that version:
 *
 * <pre>{@code
 * SchemaMapping.forType("OrderPurchased").currentVersion(3)
 *     .fromVersion(1, v -> v.rename("/total", "/orderTotal").withDefault("/channel", "web").remove("/legacyId"))
 *     .fromVersion(2, v -> v.withDefault("/channel", "web"));
 * }</pre>
 *
 * A mapping is a value, not code: Beam ships it to wherever the pipeline runs.
 */
public record SchemaMapping(String eventType, int currentVersion, Map<Integer, Changes> olderVersions)
        implements Serializable {

    public SchemaMapping {
        Objects.requireNonNull(eventType, "eventType");
        olderVersions = Map.copyOf(olderVersions);
    }

    public static ForType forType(String eventType) {
        return new ForType(eventType);
    }

    /** How data of {@code version} becomes data of the current version, as {@code v -> v.rename(...)...}. */
    public SchemaMapping fromVersion(int version, UnaryOperator<Changes> changes) {
        if (version >= currentVersion) {
            throw new IllegalArgumentException("The mapping of " + eventType + " from v" + version
                    + " must start from a version older than the current v" + currentVersion);
        }
        if (olderVersions.containsKey(version)) {
            throw new IllegalArgumentException(
                    eventType + " v" + version + " is mapped twice; keep one fromVersion(" + version + ", ...)");
        }
        var versions = new TreeMap<>(olderVersions);
        versions.put(version, changes.apply(new Changes(List.of())));
        return new SchemaMapping(eventType, currentVersion, versions);
    }

    /** The first half of a mapping's definition: the event type, waiting for its current version. */
    public record ForType(String eventType) {

        public SchemaMapping currentVersion(int version) {
            return new SchemaMapping(eventType, version, Map.of());
        }
    }

    /**
     * The changes that turn one older version's data into the current shape, applied in the order they are
     * listed. Fields are JSON pointers into the data, such as {@code /customer/email}; objects on the way to a
     * field that is set are created when they are missing.
     */
    public static final class Changes implements Serializable {

        private final List<Change> steps;

        private Changes(List<Change> steps) {
            this.steps = List.copyOf(steps);
        }

        /** A field that a later version renamed or moved: its value moves from {@code from} to {@code to}. */
        public Changes rename(String from, String to) {
            return with(new Rename(EventData.pointer(from, "rename"), EventData.pointer(to, "rename")));
        }

        /**
         * A field that a later version added: older data without it (or with null) gets {@code value}, which is
         * anything Jackson writes as JSON: a string, a number, a boolean, a list or a map.
         */
        public Changes withDefault(String field, Object value) {
            return with(new Default(EventData.pointer(field, "withDefault"), EventData.valueOf(value)));
        }

        /** A field that a later version removed. */
        public Changes remove(String field) {
            return with(new Remove(EventData.pointer(field, "remove")));
        }

        /** Applies the changes to {@code data}; returns the change that the data cannot take, or null. */
        Change applyTo(JsonNode data) {
            for (Change step : steps) {
                if (!step.applyTo(data)) {
                    return step;
                }
            }
            return null;
        }

        private Changes with(Change step) {
            var extended = new ArrayList<>(steps);
            extended.add(step);
            return new Changes(extended);
        }
    }

    /** One change to an event's data; false when the data cannot take it (see {@link EventData#put}). */
    interface Change extends Serializable {

        boolean applyTo(JsonNode data);
    }

    record Rename(JsonPointer from, JsonPointer to) implements Change {

        @Override
        public boolean applyTo(JsonNode data) {
            JsonNode value = EventData.remove(data, from);
            return value == null || EventData.put(data, to, value);
        }

        @Override
        public String toString() {
            return "rename " + from + " to " + to;
        }
    }

    record Default(JsonPointer field, JsonNode value) implements Change {

        @Override
        public boolean applyTo(JsonNode data) {
            return EventData.get(data, field) != null || EventData.put(data, field, value.deepCopy());
        }

        @Override
        public String toString() {
            return "default " + field;
        }
    }

    record Remove(JsonPointer field) implements Change {

        @Override
        public boolean applyTo(JsonNode data) {
            EventData.remove(data, field);
            return true;
        }

        @Override
        public String toString() {
            return "remove " + field;
        }
    }
}
