package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Brings every event of a mapped type to its type's current schema version: older data is rewritten into the
 * current shape ({@link SchemaMapping}) and carries the current version, so the steps after it, and structuring,
 * know one shape per type. Event types without a mapping pass unchanged.
 *
 * <p>An event of a version the mapping does not know, newer than the current one or older without a mapping, is
 * routed to quarantine under {@value #UNKNOWN_SCHEMA_VERSION}, saying what to add: guessing its shape would load
 * wrong values. So is older data whose shape the mapping cannot be applied to, under {@value #UNMAPPABLE_DATA}.
 * Each mapped event is counted as {@code mapped/<type> v<version>} in the cleaning report.
 */
public final class MitigateSchemaChanges extends PTransform<PCollection<RawEvent>, Routed<RawEvent>> {

    public static final String UNKNOWN_SCHEMA_VERSION = "unknown-schema-version";
    public static final String UNMAPPABLE_DATA = "unmappable-data";

    private static final TupleTag<RawEvent> CURRENT = new TupleTag<>("current") {};

    private final Map<String, SchemaMapping> mappings = new HashMap<>();

    private MitigateSchemaChanges(List<SchemaMapping> mappings) {
        for (SchemaMapping mapping : mappings) {
            if (this.mappings.putIfAbsent(mapping.eventType(), mapping) != null) {
                throw new IllegalArgumentException(
                        "Two schema mappings for event type " + mapping.eventType() + "; give each type one");
            }
        }
    }

    public static MitigateSchemaChanges of(SchemaMapping... mappings) {
        return new MitigateSchemaChanges(List.of(mappings));
    }

    @Override
    public Routed<RawEvent> expand(PCollection<RawEvent> events) {
        var tuple = events.apply(
                "MapToCurrentVersion",
                ParDo.of(new ToCurrentVersion(mappings)).withOutputTags(CURRENT, TupleTagList.of(Routed.QUARANTINE)));
        return Routed.of(tuple, CURRENT, RawEvent.Coder.of());
    }

    static final class ToCurrentVersion extends DoFn<RawEvent, RawEvent> {

        private final Map<String, SchemaMapping> mappings;
        private final Map<String, Counter> mapped = new HashMap<>();

        ToCurrentVersion(Map<String, SchemaMapping> mappings) {
            this.mappings = new HashMap<>(mappings);
            for (SchemaMapping mapping : mappings.values()) {
                for (int version : mapping.olderVersions().keySet()) {
                    var name = versionOf(mapping.eventType(), version);
                    mapped.put(name, ChangeCounts.counter("mapped", name));
                }
            }
        }

        @ProcessElement
        public void process(@Element RawEvent event, MultiOutputReceiver out) {
            var mapping = mappings.get(event.eventType());
            if (mapping == null || event.schemaVersion() == mapping.currentVersion()) {
                out.get(CURRENT).output(event);
                return;
            }
            var found = versionOf(event.eventType(), event.schemaVersion());
            var current = versionOf(event.eventType(), mapping.currentVersion());
            var changes = mapping.olderVersions().get(event.schemaVersion());
            if (changes == null) {
                out.get(Routed.QUARANTINE)
                        .output(Quarantined.of(
                                event,
                                UNKNOWN_SCHEMA_VERSION,
                                event.schemaVersion() > mapping.currentVersion()
                                        ? found + " is newer than " + current + ", the current version this"
                                                + " cleaning knows; make v" + event.schemaVersion()
                                                + " the current version and map the older ones to it"
                                        : found + " has no mapping to " + current + "; add fromVersion("
                                                + event.schemaVersion() + ", ...) to the SchemaMapping of "
                                                + event.eventType()));
                return;
            }
            JsonNode data = EventData.read(event, out.get(Routed.QUARANTINE));
            if (data == null) {
                return;
            }
            var failed = changes.applyTo(data);
            if (failed != null) {
                out.get(Routed.QUARANTINE)
                        .output(Quarantined.of(
                                event,
                                UNMAPPABLE_DATA,
                                found + " cannot be mapped to " + current + ": " + failed
                                        + " meets a value on its way that is not an object"));
                return;
            }
            out.get(CURRENT).output(event.withData(EventData.write(data), mapping.currentVersion()));
            mapped.get(found).inc();
        }

        private static String versionOf(String eventType, int version) {
            return eventType + " v" + version;
        }
    }
}
