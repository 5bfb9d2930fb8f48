package dev.meshshop.platform.operational;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactional outbox of an operational system that publishes its entities' changes itself: the change is
 * written to the table {@code mesh_outbox} in the same transaction as the entity, so that it leaves the system
 * (through the {@link OutboxRelay}) if and only if the entity's change committed. Called inside a Spring
 * transaction on the same {@link DataSource}, {@link #record} joins it.
 */
public final class Outbox {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final JdbcTemplate jdbc;

    public Outbox(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates the outbox table if it does not exist; the system's schema migration calls it once. */
    public void createTable() {
        jdbc.execute(
                """
                CREATE TABLE IF NOT EXISTS mesh_outbox (
                    id bigserial PRIMARY KEY,
                    entity text NOT NULL,
                    entity_key text NOT NULL,
                    operation text NOT NULL,
                    state text NOT NULL,
                    changed_at timestamptz NOT NULL,
                    relayed_at timestamptz)""");
        jdbc.execute("CREATE INDEX IF NOT EXISTS mesh_outbox_waiting ON mesh_outbox (id) WHERE relayed_at IS NULL");
    }

    /** Records that {@code key} of {@code entity} changed to {@code state}, in the caller's transaction. */
    public void record(
            String entity, String key, EntityChange.Operation operation, Map<String, ?> state, java.time.Instant at) {
        String json;
        try {
            json = JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "The state of " + entity + " " + key + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        jdbc.update(
                "INSERT INTO mesh_outbox (entity, entity_key, operation, state, changed_at) VALUES (?, ?, ?, ?, ?)",
                entity,
                key,
                operation.name(),
                json,
                Timestamp.from(at));
    }

    /** How many recorded changes the relay has not handed on yet. */
    public long waiting() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM mesh_outbox WHERE relayed_at IS NULL", Long.class);
        return count == null ? 0 : count;
    }
}
