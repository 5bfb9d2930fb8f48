package dev.meshshop.platform.ingest;

import dev.meshshop.platform.events.EventCodec;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits ingest applies to every record and how it watches itself.
 *
 * @param maxEventBytes the largest record (its value, in bytes) the raw zone takes; a larger one is quarantined
 *     as {@code too-large}. Domain events are a few hundred bytes to a few kilobytes
 * @param maxNestingDepth the deepest nesting of JSON objects and arrays in a record, the envelope counting as
 *     one; a deeper one is quarantined as {@code too-deep}
 * @param lagInterval how often ingest asks the broker for the end offsets of its topics, to measure its lag
 * @param stallAfter how long ingest may store nothing while the broker holds records it has not stored before
 *     it reports itself stalled
 */
public record IngestOptions(int maxEventBytes, int maxNestingDepth, Duration lagInterval, Duration stallAfter) {

    /** 256 KiB per event, 32 levels of nesting, lag measured every 5 s, stalled after 60 s without progress. */
    public static final IngestOptions DEFAULTS = new IngestOptions(
            EventCodec.Limits.DEFAULTS.maxEventBytes(),
            EventCodec.Limits.DEFAULTS.maxNestingDepth(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(60));

    public IngestOptions {
        if (maxEventBytes < 64) {
            throw new IllegalArgumentException("mesh.ingest.max-event-bytes is " + maxEventBytes
                    + ", too small for any event envelope; use at least 64 bytes (the default is 256KB)");
        }
        if (maxNestingDepth < 2) {
            throw new IllegalArgumentException("mesh.ingest.max-nesting-depth is " + maxNestingDepth
                    + ", but an envelope with its data object is already 2 levels deep; use at least 2"
                    + " (the default is 32)");
        }
        Objects.requireNonNull(lagInterval, "mesh.ingest.lag-interval");
        Objects.requireNonNull(stallAfter, "mesh.ingest.stall-after");
        if (lagInterval.isNegative() || lagInterval.isZero()) {
            throw new IllegalArgumentException(
                    "mesh.ingest.lag-interval is " + lagInterval + "; it must be positive, such as 5s");
        }
        if (stallAfter.compareTo(lagInterval) < 0) {
            throw new IllegalArgumentException("mesh.ingest.stall-after (" + stallAfter
                    + ") is shorter than mesh.ingest.lag-interval (" + lagInterval
                    + "), so a stall could never be seen; make it at least as long");
        }
    }
}
