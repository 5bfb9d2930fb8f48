package dev.meshshop.platform.operational;

import dev.meshshop.platform.events.EntityChanged;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;

/**
 * Entity changes as the mesh's events, so that they travel and are ingested, quarantined, deduplicated and
 * cleaned like every domain event: the change's position is the event id (a change handed on twice is one
 * event), its time of change the event's time.
 */
public final class EntityChangeEvents {

    private final EventCodec codec;

    public EntityChangeEvents(EventCodec codec) {
        this.codec = codec;
    }

    /** The record value of {@code change} as an event of {@code type}. */
    public byte[] encode(EventType<EntityChanged> type, EntityChange change) {
        return codec.encode(
                type,
                change.position(),
                change.changedAt(),
                new EntityChanged(
                        change.entity(), change.key(), change.operation().name(), change.sequence(), change.state()));
    }
}
