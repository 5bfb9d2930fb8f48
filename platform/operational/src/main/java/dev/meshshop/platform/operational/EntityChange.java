package dev.meshshop.platform.operational;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change of one entity in an operational system, as it leaves that system: created, updated or deleted,
 * with the entity's state after the change (before it, for a delete), when it happened, and a position that
 * names the change uniquely and stably, so that a change handed on twice (at-least-once) is recognised.
 *
 * @param entity what kind of entity, for example {@code customer} or {@code article}
 * @param key the entity's identity within its kind
 * @param operation what happened
 * @param state the entity's columns after the change; for a delete, its last state
 * @param changedAt when it happened, in the operational system's time
 * @param position names the change in its source (the outbox row, the place in the database log): a change
 *     handed on twice has the same position
 * @param sequence the order of one entity's changes in their source: the outbox row's id, the log position
 */
public record EntityChange(
        String entity,
        String key,
        Operation operation,
        Map<String, Object> state,
        Instant changedAt,
        String position,
        long sequence) {

    public enum Operation {
        CREATED,
        UPDATED,
        DELETED;
    }

    public EntityChange {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(position, "position");
        // a column may be NULL: Map.copyOf would refuse it
        state = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(state));
    }
}
