package dev.meshshop.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From an entity's changes to its history and latest state, in the SQL models' own connection. */
class EntityHistoriesTests {

    @TempDir
    Path dataDir;

    DomainArea area;

    @BeforeEach
    void openArea() {
        area = DomainArea.open(new MeshLayout(dataDir), "shop");
        sql("CREATE SCHEMA IF NOT EXISTS clean");
        sql(
                """
                CREATE TABLE clean.customer_changes AS SELECT * FROM (VALUES
                    ('c-1', 'CREATED', TIMESTAMPTZ '2025-01-05 10:00:00+00', 'outbox:1', 1, 'Berlin'),
                    ('c-2', 'CREATED', TIMESTAMPTZ '2025-01-06 10:00:00+00', 'outbox:2', 2, 'Bonn'),
                    ('c-1', 'UPDATED', TIMESTAMPTZ '2025-04-01 09:00:00+00', 'outbox:3', 3, 'Munich'),
                    ('c-1', 'UPDATED', TIMESTAMPTZ '2025-04-01 09:00:00+00', 'outbox:3', 3, 'Munich'),
                    ('c-2', 'DELETED', TIMESTAMPTZ '2025-06-30 12:00:00+00', 'outbox:5', 5, 'Bonn'),
                    ('c-1', 'UPDATED', TIMESTAMPTZ '2025-09-01 09:00:00+00', 'outbox:9', 9, 'Cologne'),
                    ('c-3', 'CREATED', TIMESTAMPTZ '2025-09-02 09:00:00+00', 'outbox:12', 12, 'Essen'),
                    ('c-3', 'UPDATED', TIMESTAMPTZ '2025-09-02 09:00:00+00', 'outbox:10', 13, 'Kiel')
                ) changes(entity_key, operation, occurred_at, event_id, sequence, city)""");
    }

    @AfterEach
    void closeArea() {
        area.close();
    }

    @Test
    void everyStateWithItsValidityADeleteEndsTheLastAndARepeatCountsOnce() {
        new SqlModelsRunner()
                .run(
                        """
                CREATE TABLE model.customer_history AS SELECT * FROM entity_history('clean.customer_changes');
                CREATE TABLE model.customers AS SELECT * FROM entity_latest('clean.customer_changes');
                """);

        assertThat(rows("SELECT entity_key, city, valid_from, valid_to, deleted FROM model.customer_history"
                        + " ORDER BY entity_key, valid_from, city"))
                .containsExactly(
                        "c-1 Berlin 2025-01-05T10:00Z 2025-04-01T09:00Z false",
                        "c-1 Munich 2025-04-01T09:00Z 2025-09-01T09:00Z false",
                        "c-1 Cologne 2025-09-01T09:00Z null false",
                        "c-2 Bonn 2025-01-06T10:00Z 2025-06-30T12:00Z true",
                        // the order of one entity's changes is their sequence in the source, not their time stamp
                        "c-3 Essen 2025-09-02T09:00Z 2025-09-02T09:00Z false",
                        "c-3 Kiel 2025-09-02T09:00Z null false");
        assertThat(rows("SELECT entity_key, city FROM model.customers ORDER BY entity_key"))
                .as("a deleted customer has no latest state")
                .containsExactly("c-1 Cologne", "c-3 Kiel");
        assertThat(rows("SELECT column_name FROM information_schema.columns WHERE table_name = 'customers'"
                        + " ORDER BY ordinal_position"))
                .containsExactly("entity_key", "city", "valid_from");
    }

    /** Runs SQL as a domain's models run: one resource, in the area's model transaction. */
    final class SqlModelsRunner {
        void run(String sql) {
            var loader = new ClassLoader(getClass().getClassLoader()) {
                @Override
                public java.io.InputStream getResourceAsStream(String name) {
                    return name.equals("model.sql")
                            ? new java.io.ByteArrayInputStream(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            : super.getResourceAsStream(name);
                }
            };
            SqlModels.fromClasspath(List.of("model.sql"), loader).run(area);
        }
    }

    private void sql(String sql) {
        area.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(sql);
            }
            return null;
        });
    }

    private List<String> rows(String sql) {
        return area.withConnection(connection -> {
            var rows = new ArrayList<String>();
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    var row = new ArrayList<String>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(String.valueOf(result.getString(i)));
                    }
                    rows.add(String.join(" ", row));
                }
            }
            return rows;
        });
    }
}
