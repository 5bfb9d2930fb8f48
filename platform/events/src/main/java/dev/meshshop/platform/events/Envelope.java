package dev.meshshop.platform.events;

import java.time.Instant;

/**
 * A domain event's envelope as {@link EventCodec#decode} read it from a record: every field checked, the data
 * left as it came. {@code json} is the whole record as text, exactly as it was sent; the data is in it under
 * {@code "data"}, not parsed into objects, because the one stage that needs its fields (cleaning) reads the ones
 * it needs.
 *
 * @param eventId the event's id: not blank, at most {@link EventCodec#MAX_EVENT_ID_LENGTH} characters, no control
 *     characters
 * @param type the event type's name, one of the types of the topic the record came from
 * @param schemaVersion the version of the type's schema, positive
 * @param occurredAt when the event occurred, within the limits' instants
 * @param json the record, as UTF-8 text
 */
public record Envelope(String eventId, String type, int schemaVersion, Instant occurredAt, String json)
        implements EventCodec.Decoded {}
