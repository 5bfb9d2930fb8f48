package dev.meshshop.platform.ingest;

import dev.meshshop.platform.events.Envelope;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.storage.DomainArea;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.duckdb.DuckDBAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw zone of a domain's area: every accepted Kafka record, append-only, with where it came from.
 *
 * <p>The zone is also where ingest keeps its position. Each batch is written in one transaction together
 * with the offsets it covers, so after a crash or a redelivery ingest resumes after the last offset it
 * stored and skips what it has already seen: a record is stored once, however often Kafka delivers it.
 */
public final class RawZone {

    static final String STAGE = "ingest";

    private static final Logger log = LoggerFactory.getLogger(RawZone.class);

    private final DomainArea area;
    private final RecordCheck check;
    private final Clock clock;
    // written under the zone's lock, read without it: the lag probe must see positions while a batch is stored
    private final Map<TopicPartition, Long> stored = new ConcurrentHashMap<>();

    public RawZone(DomainArea area, Map<String, Set<String>> typesByTopic, Clock clock) {
        this(area, typesByTopic, IngestOptions.DEFAULTS, clock);
    }

    public RawZone(DomainArea area, Map<String, Set<String>> typesByTopic, IngestOptions options, Clock clock) {
        this(area, new RecordCheck(typesByTopic, options), clock);
    }

    RawZone(DomainArea area, RecordCheck check, Clock clock) {
        this.area = area;
        this.check = check;
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

    /**
     * What one call to {@link #append} did.
     *
     * @param quarantinedByRule the quarantined records by the rule that set them aside, such as {@code too-large}
     */
    public record Appended(int ingested, int quarantined, int alreadyStored, Map<String, Integer> quarantinedByRule) {

        public Appended {
            quarantinedByRule = Map.copyOf(quarantinedByRule);
        }

        /** What a call did, without the rules its quarantined records broke. */
        public Appended(int ingested, int quarantined, int alreadyStored) {
            this(ingested, quarantined, alreadyStored, Map.of());
        }
    }

    /** A record of a batch with the check's verdict on it. */
    private record Checked(ConsumerRecord<String, byte[]> record, EventCodec.Decoded verdict) {}

    /**
     * Stores a batch: accepted records in {@code raw.events}, the others in quarantine, in one transaction. When
     * the transaction fails, the batch is split in halves and each half stored alone, down to single records; a
     * single record the raw zone refuses is quarantined with the reason ({@code unstorable}), so one record never
     * holds up the others. Only when even the quarantine cannot take a record (the area itself fails, say its disk
     * is full) does this throw, with everything before that record stored.
     */
    public synchronized Appended append(List<ConsumerRecord<String, byte[]>> batch) {
        var covered = new HashMap<TopicPartition, Long>();
        var fresh = new ArrayList<Checked>(batch.size());
        int alreadyStored = 0;
        for (var record : batch) {
            var partition = new TopicPartition(record.topic(), record.partition());
            long last = covered.getOrDefault(partition, stored.getOrDefault(partition, -1L));
            if (record.offset() <= last) {
                alreadyStored++;
                continue;
            }
            covered.put(partition, record.offset());
            fresh.add(new Checked(record, verdict(record)));
        }
        var tally = new Tally();
        store(fresh, tally);
        if (tally.quarantined > 0) {
            log.info(
                    "Quarantined {} of {} records of {}: {}",
                    tally.quarantined,
                    fresh.size(),
                    area.domain(),
                    tally.rules);
        }
        return new Appended(tally.ingested, tally.quarantined, alreadyStored, tally.rules);
    }

    /** What the parts of one batch came to. */
    private static final class Tally {
        int ingested;
        int quarantined;
        int failedWrites;
        final Map<String, Integer> rules = new TreeMap<>();
    }

    /** The check's verdict; should the check itself fail on a record, that record is quarantined, not retried. */
    private EventCodec.Decoded verdict(ConsumerRecord<String, byte[]> record) {
        try {
            return check.check(record.topic(), record.value());
        } catch (RuntimeException e) {
            log.error(
                    "The check of record {}-{}@{} failed; quarantining it",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e);
            return new EventCodec.Refused("check-failed", "the envelope check failed on the record: " + e, null);
        }
    }

    private void store(List<Checked> records, Tally tally) {
        if (records.isEmpty()) {
            return;
        }
        try {
            write(records, tally);
        } catch (RuntimeException e) {
            if (records.size() == 1) {
                quarantineUnstorable(records.get(0), e, tally);
                return;
            }
            if (tally.failedWrites++ == 0) {
                log.warn(
                        "The raw zone of {} refused a batch of {} records ({}); storing it in parts to find the"
                                + " record it refuses",
                        area.domain(),
                        records.size(),
                        EventCodec.abbreviate(e.getMessage(), EventCodec.MAX_REASON_LENGTH));
            }
            int half = records.size() / 2;
            store(records.subList(0, half), tally);
            store(records.subList(half, records.size()), tally);
        }
    }

    private void write(List<Checked> records, Tally tally) {
        var now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        var rules = new TreeMap<String, Integer>();
        int[] written = new int[2];
        area.inTransaction(connection -> {
            var duck = connection.unwrap(org.duckdb.DuckDBConnection.class);
            try (DuckDBAppender events = duck.createAppender("raw", "events");
                    DuckDBAppender quarantine = duck.createAppender("quarantine", "records")) {
                for (var checked : records) {
                    if (checked.verdict() instanceof Envelope accepted) {
                        appendEvent(events, checked.record(), accepted, now);
                        written[0]++;
                    } else {
                        var rejected = (EventCodec.Refused) checked.verdict();
                        appendQuarantined(quarantine, checked.record(), rejected, now);
                        rules.merge(rejected.rule(), 1, Integer::sum);
                        written[1]++;
                    }
                }
            }
            return null;
        });
        tally.ingested += written[0];
        tally.quarantined += written[1];
        rules.forEach((rule, count) -> tally.rules.merge(rule, count, Integer::sum));
        records.forEach(checked -> stored.merge(
                new TopicPartition(checked.record().topic(), checked.record().partition()),
                checked.record().offset(),
                Math::max));
    }

    private void quarantineUnstorable(Checked checked, RuntimeException cause, Tally tally) {
        var record = checked.record();
        String eventId = checked.verdict() instanceof Envelope accepted ? accepted.eventId() : null;
        var rejected =
                new EventCodec.Refused("unstorable", "the raw zone refused the record: " + describe(cause), eventId);
        write(List.of(new Checked(record, rejected)), tally);
        log.warn(
                "The raw zone of {} refused record {}-{}@{} (event {}); quarantined it: {}",
                area.domain(),
                record.topic(),
                record.partition(),
                record.offset(),
                eventId,
                rejected.reason());
    }

    private static String describe(Throwable error) {
        var text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    /** The last offset stored for a partition, if any; ingest resumes after it. */
    public OptionalLong storedOffset(TopicPartition partition) {
        Long offset = stored.get(partition);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    Map<TopicPartition, Long> storedOffsets() {
        return Map.copyOf(stored);
    }

    private static void appendEvent(
            DuckDBAppender appender, ConsumerRecord<String, byte[]> record, Envelope event, LocalDateTime now)
            throws SQLException {
        appender.beginRow().append(record.topic()).append(record.partition()).append(record.offset());
        appendNullable(appender, record.key());
        appender.append(event.eventId())
                .append(event.type())
                .append(event.schemaVersion())
                .append(LocalDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                .append(event.json())
                .append(now)
                .endRow();
    }

    private static void appendQuarantined(
            DuckDBAppender appender,
            ConsumerRecord<String, byte[]> record,
            EventCodec.Refused rejected,
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
