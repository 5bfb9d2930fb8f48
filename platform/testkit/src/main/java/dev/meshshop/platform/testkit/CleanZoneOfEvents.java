package dev.meshshop.platform.testkit;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.storage.DomainArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fills a domain's clean zone straight from well-formed events, without Kafka or Beam, by the same column
 * mappings cleaning uses: for tests of the SQL models and contracts, which start where cleaning ends.
 */
public final class CleanZoneOfEvents {

    private CleanZoneOfEvents() {}

    /** Replaces each table's rows in {@code clean} with the events of its type among {@code records}. */
    public static void load(DomainArea area, Path scratch, Iterator<SimulatedRecord> records, List<CleanTable> tables) {
        Path lines = scratch.resolve("events.jsonl");
        try {
            var envelopes = new ArrayList<String>();
            records.forEachRemaining(record -> envelopes.add(new String(record.value(), StandardCharsets.UTF_8)));
            Files.write(lines, envelopes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        area.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(
                        "CREATE OR REPLACE TEMP TABLE events AS SELECT json AS message FROM read_ndjson_objects("
                                + Sql.literal(lines) + ")");
                for (CleanTable table : tables) {
                    statement.execute(
                            "CREATE OR REPLACE TABLE clean." + table.name() + " (" + table.sqlColumns() + ")");
                    statement.execute("INSERT INTO clean." + table.name() + " SELECT " + selectList(table)
                            + " FROM events WHERE message ->> '$.type' = " + Sql.literal(table.eventType()));
                }
                statement.execute("DROP TABLE events");
            }
            return null;
        });
    }

    private static String selectList(CleanTable table) {
        return table.columns().stream()
                .map(column -> {
                    String value = column.jsonPointer() != null
                            ? "(message -> '$.data') ->> " + Sql.literal(column.jsonPointer())
                            : column.name().equals("event_id")
                                    ? "message ->> '$.eventId'"
                                    : "message ->> '$.occurredAt'";
                    return "CAST(" + value + " AS " + column.type().sqlType() + ")";
                })
                .collect(Collectors.joining(", "));
    }
}
