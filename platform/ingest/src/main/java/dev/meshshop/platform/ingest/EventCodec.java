package dev.meshshop.platform.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;

/**
 * The envelope every domain event travels in, as JSON:
 *
 * <pre>{"eventId": "...", "type": "OrderPurchased", "schemaVersion": 1, "occurredAt": "2026-...Z", "data": {...}}</pre>
 *
 * The envelope is the platform's; {@code data} is the domain's record.
 */
public final class EventCodec {

    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String DATA = "data";

    private final ObjectMapper mapper;

    public EventCodec() {
        this(new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));
    }

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public <T extends Record> byte[] encode(EventType<T> type, String eventId, Instant occurredAt, T data) {
        try {
            return mapper.writeValueAsBytes(
                    new Envelope<>(eventId, type.name(), type.schemaVersion(), occurredAt.toString(), data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + type.name() + " " + eventId, e);
        }
    }

    /** The envelope's fields, in wire order; the names are the constants above. */
    private record Envelope<T>(String eventId, String type, int schemaVersion, String occurredAt, T data) {}
}
