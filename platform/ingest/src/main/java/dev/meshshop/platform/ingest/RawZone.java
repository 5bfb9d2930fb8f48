package dev.meshshop.platform.ingest;

import dev.meshshop.platform.storage.DomainArea;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBAppender;

/**
 * The raw zone of a domain's area: every accepted Kafka record, append-only, with where it came from.
 *
 * <p>The zone is also where ingest keeps its position. Each batch is written in one transaction together
 * with the offsets it covers, so after a crash or a redelivery ingest resumes after the last offset it
 * stored and skips what it has already seen: a record is stored once, however often Kafka delivers it.
 */
public final class RawZone {

    static final String STAGE = "ingest";

    private final DomainArea area;
    private final RecordCheck check;
    private final Clock clock;
    private final Map<TopicPartition, Long> stored = new HashMap<>();

    public RawZone(DomainArea area, Map<String, java.util.Set<String>> typesByTopic, Clock clock) {
        this.area = area;
        this.check = new RecordCheck(typesByTopic);
        this.clock = clock;
        area.withConnection(connection -> {
            try (var result = connection
                    .createStatement()
                    .executeQuery(
                            """
                            SELECT topic, kafka_partition, max(kafka_offset) FROM (
                                SELECT topic, kafka_partition, kafka_offset FROM raw.events
                                UNION ALL
                                SELECT topic, kafka_partition, kafka_offset FROM quarantine.records
                                WHERE stage = 'ingest')
                            GROUP BY ALL""")) {
                while (result.next()) {
                    stored.put(new TopicPartition(result.getString(1), result.getInt(2)), result.getLong(3));
                }
            }
            return null;
        });
    }

    /** What one call to {@link #append} did. */
    public record Appended(int ingested, int quarantined, int alreadyStored) {}

    /** Stores a batch: accepted records in {@code raw.events}, the others in quarantine, all or nothing. */
    public synchronized Appended append(List<ConsumerRecord<String, byte[]>> batch) {
        var now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        var covered = new HashMap<TopicPartition, Long>();
        int[] counts = new int[3];
        area.inTransaction(connection -> {
            var duck = connection.unwrap(org.duckdb.DuckDBConnection.class);
            try (DuckDBAppender events = duck.createAppender("raw", "events");
                    DuckDBAppender quarantine = duck.createAppender("quarantine", "records")) {
                for (var record : batch) {
                    var partition = new TopicPartition(record.topic(), record.partition());
                    long last = covered.getOrDefault(partition, stored.getOrDefault(partition, -1L));
                    if (record.offset() <= last) {
                        counts[2]++;
                        continue;
                    }
                    covered.put(partition, record.offset());
                    var verdict = check.check(record.topic(), record.value());
                    if (verdict instanceof RecordCheck.Accepted accepted) {
                        appendEvent(events, record, accepted, now);
                        counts[0]++;
                    } else {
                        appendQuarantined(quarantine, record, (RecordCheck.Rejected) verdict, now);
                        counts[1]++;
                    }
                }
            }
            return null;
        });
        stored.putAll(covered);
        return new Appended(counts[0], counts[1], counts[2]);
    }

    /** The last offset stored for a partition, if any; ingest resumes after it. */
    public synchronized OptionalLong storedOffset(TopicPartition partition) {
        Long offset = stored.get(partition);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    synchronized Map<TopicPartition, Long> storedOffsets() {
        return Map.copyOf(stored);
    }

    private static void appendEvent(
            DuckDBAppender appender,
            ConsumerRecord<String, byte[]> record,
            RecordCheck.Accepted event,
            LocalDateTime now)
            throws SQLException {
        appender.beginRow().append(record.topic()).append(record.partition()).append(record.offset());
        appendNullable(appender, record.key());
        appender.append(event.eventId())
                .append(event.type())
                .append(event.schemaVersion())
                .append(LocalDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                .append(event.message())
                .append(now)
                .endRow();
    }

    private static void appendQuarantined(
            DuckDBAppender appender,
            ConsumerRecord<String, byte[]> record,
            RecordCheck.Rejected rejected,
            LocalDateTime now)
            throws SQLException {
        appender.beginRow()
                .append(STAGE)
                .append(rejected.rule())
                .append(rejected.reason())
                .append(record.topic())
                .append(record.partition())
                .append(record.offset());
        appendNullable(appender, rejected.eventId());
        if (record.value() == null) {
            appender.appendNull();
        } else {
            appender.append(record.value());
        }
        appender.append(now).endRow();
    }

    private static void appendNullable(DuckDBAppender appender, String value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else {
            appender.append(value);
        }
    }
}
