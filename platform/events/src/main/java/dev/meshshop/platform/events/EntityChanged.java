package dev.meshshop.platform.events;

import java.util.Map;

/**
 * The data of an entity event: one entity of an operational system was created, updated or deleted. The
 * envelope's event id names the change in its source (an outbox row, a place in a database log), so a change
 * delivered twice is one event; its time is when the entity changed. A domain declares one event type per kind
 * of entity with this record as its data, for example {@code fulfillment.article-changed.v1}.
 *
 * @param entity the kind of entity, for example {@code article}
 * @param key the entity's identity within its kind
 * @param operation {@code CREATED}, {@code UPDATED} or {@code DELETED}
 * @param sequence the order of this entity's changes in their source
 * @param state the entity's columns after the change; for a delete, its last state
 */
public record EntityChanged(String entity, String key, String operation, long sequence, Map<String, Object> state) {}
