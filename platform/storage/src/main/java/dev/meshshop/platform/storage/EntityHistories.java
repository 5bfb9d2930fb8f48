package dev.meshshop.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What every domain with entities needs and no domain should write itself: from an entity's changes (created,
 * updated, deleted; from its system's outbox or from change data capture) to its history, every state with the
 * time it was valid from and to, and its latest state. Two table macros, there for every SQL model:
 *
 * <pre>{@code
 * CREATE TABLE model.article_history AS SELECT * FROM entity_history('clean.article_changes');
 * CREATE TABLE model.articles AS SELECT * FROM entity_latest('clean.article_changes');
 * }</pre>
 *
 * <p>The changes table is a clean table of entity events ({@code EntityChanged}): the envelope's {@code event_id}
 * (names a change in its source: a change that arrived twice counts once) and {@code occurred_at} (when the entity
 * changed), and the columns {@code entity_key}, {@code operation} ({@code CREATED}, {@code UPDATED} or
 * {@code DELETED}) and {@code sequence} (the order of one entity's changes in their source: the outbox row's id,
 * the log position), and the entity's own columns, its state after the change (before it, for a delete). A history
 * row has the entity's columns, {@code valid_from}, {@code valid_to} (null while it is the current state) and
 * {@code deleted} (whether the state ended with the entity's deletion). The latest state of an entity that was
 * deleted is not among the latest states.
 */
public final class EntityHistories {

    /** The macros, made for the connection that runs the models. */
    static final String MACROS =
            """
            CREATE OR REPLACE TEMP MACRO entity_history(changes) AS TABLE
            WITH once AS (
                SELECT * FROM query_table(changes)
                QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY sequence) = 1
            ), ordered AS (
                SELECT *,
                       lead(occurred_at) OVER by_entity AS next_changed_at,
                       lead(operation) OVER by_entity AS next_operation
                FROM once
                WINDOW by_entity AS (PARTITION BY entity_key ORDER BY sequence)
            )
            SELECT * EXCLUDE (event_id, occurred_at, operation, sequence, next_changed_at, next_operation),
                   occurred_at AS valid_from,
                   next_changed_at AS valid_to,
                   coalesce(next_operation = 'DELETED', false) AS deleted
            FROM ordered
            WHERE operation <> 'DELETED';
            CREATE OR REPLACE TEMP MACRO entity_latest(changes) AS TABLE
            SELECT * EXCLUDE (valid_to, deleted) FROM entity_history(changes) WHERE valid_to IS NULL;
            """;

    private EntityHistories() {}

    /** Makes {@code entity_history} and {@code entity_latest} known to {@code connection}. */
    public static void define(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            for (String macro : MACROS.split(";\\s*\\n")) {
                if (!macro.isBlank()) {
                    statement.execute(macro);
                }
            }
        }
    }
}
