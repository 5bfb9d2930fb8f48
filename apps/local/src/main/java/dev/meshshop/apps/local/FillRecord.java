package dev.meshshop.apps.local;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the embedded mesh's data directory says about its simulated fill, in {@code <data-dir>/fill.json}: which
 * company (seed, scale), when it was started, and how far it got. The launcher writes it as the fill goes and reads
 * it at start, so that a restart does not send the company a second time.
 *
 * @param state how far the fill got
 * @param seed the simulation's seed
 * @param scale the simulation's scale
 * @param domains the domains whose simulators the fill ran
 * @param started when the fill started sending
 * @param finished when every domain had published, once {@link Stage#DONE}
 * @param events how many events the fill sent, once {@link Stage#DONE}
 */
record FillRecord(
        Stage state, long seed, double scale, List<String> domains, Instant started, Instant finished, long events) {

    static final String FILE = "fill.json";

    /** How far a fill got; each is written once it holds. */
    enum Stage {
        /** The simulators are sending: some of the company may be on the broker, some not. */
        SENDING,
        /** The broker acknowledged every event of the company; ingest and the first refreshes may still be under way. */
        SENT,
        /** Every domain ingested its events and published its products. */
        DONE
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    FillRecord {
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    static FillRecord sending(long seed, double scale, List<String> domains, Instant started) {
        return new FillRecord(Stage.SENDING, seed, scale, domains, started, null, 0);
    }

    FillRecord sent() {
        return new FillRecord(Stage.SENT, seed, scale, domains, started, null, 0);
    }

    FillRecord done(long events, Instant finished) {
        return new FillRecord(Stage.DONE, seed, scale, domains, started, finished, events);
    }

    /** Whether every event of the company is on the broker, so that sending it again would send it twice. */
    boolean allSent() {
        return state != Stage.SENDING;
    }

    boolean sameCompany(long seed, double scale) {
        return this.seed == seed && Double.compare(this.scale, scale) == 0;
    }

    /** The record of {@code dataDir}, if a fill was ever started there. */
    static Optional<FillRecord> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), FillRecord.class));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read " + file.toAbsolutePath() + ", which says how far the simulated fill got: "
                            + e.getMessage() + ". Start with --mesh.local.fresh=true to begin from nothing.",
                    e);
        }
    }

    /** Writes the record to {@code dataDir}, replacing the previous one at once: a reader sees one or the other. */
    FillRecord write(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        Path written = dataDir.resolve(FILE + ".new");
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(written.toFile(), this);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
        }
    }
}
