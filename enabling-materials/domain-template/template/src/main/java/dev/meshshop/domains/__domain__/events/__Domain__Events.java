package dev.meshshop.domains.{{domain}}.events;

import dev.meshshop.platform.events.EventType;
import java.util.List;

/** The events {{domain}} emits, each on its own topic: the one place where its topic names live. */
public final class {{Domain}}Events {

    public static final EventType<ActivityRecorded> ACTIVITY_RECORDED =
            new EventType<>("{{domain}}.activity-recorded.v1", "ActivityRecorded", 1, ActivityRecorded.class);

    public static final List<EventType<?>> ALL = List.of(ACTIVITY_RECORDED);

    private {{Domain}}Events() {}
}
