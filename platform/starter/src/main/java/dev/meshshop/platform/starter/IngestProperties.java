package dev.meshshop.platform.starter;

import dev.meshshop.platform.ingest.IngestOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits ingest applies to every record and how it watches itself, under {@code mesh.ingest.*}. A record
 * beyond a limit is quarantined with the reason, never stored and never allowed to stop ingest.
 *
 * @param maxEventBytes the largest event the raw zone takes
 * @param maxNestingDepth the deepest nesting of JSON objects and arrays in an event, the envelope counting as one
 * @param lagInterval how often ingest asks the broker how far behind it is
 * @param stallAfter how long ingest may store nothing while records wait before health reports it stalled
 */
@ConfigurationProperties("mesh.ingest")
record IngestProperties(
        @DefaultValue("256KB") DataSize maxEventBytes,
        @DefaultValue("32") int maxNestingDepth,
        @DefaultValue("5s") Duration lagInterval,
        @DefaultValue("60s") Duration stallAfter) {

    IngestOptions options() {
        long bytes = maxEventBytes.toBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mesh.ingest.max-event-bytes is " + maxEventBytes
                    + "; the broker's own limit is about 1MB, so use at most that (the default is 256KB)");
        }
        return new IngestOptions((int) bytes, maxNestingDepth, lagInterval, stallAfter);
    }
}
