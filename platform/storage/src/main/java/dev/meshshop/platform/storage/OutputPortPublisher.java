package dev.meshshop.platform.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a product's output ports as versioned Parquet snapshots: write, audit, publish.
 *
 * <ol>
 *   <li>Write: the port's relation is copied to Parquet in a staging folder no reader looks at.
 *   <li>Audit: every {@link PublishGate} checks the staged data, the {@link ContractGate} first of all; if
 *       any blocks, the staged data is discarded and what the gates found is kept in {@code refused/}.
 *   <li>Publish: the staging folder is renamed into {@code snapshots/<id>/} and the port's
 *       {@code current.json} pointer is replaced atomically. Readers follow the pointer, so they see the old
 *       snapshot or the new one, never a half-written one.
 * </ol>
 */
public final class OutputPortPublisher {

    static final String CURRENT = "current.json";
    static final String SNAPSHOT_INFO = "_snapshot.json";
    static final String DATA_FILE = "data.parquet";
    static final String CONTRACT_FILE = "contract.odcs.yaml";
    static final String DESCRIPTOR_FILE = "descriptor.yaml";
    static final String AUDITS = "_audits.json";
    static final String REFUSED = "refused";
    /** How many refused snapshots per port are kept for the catalog's history. */
    static final int REFUSALS_KEPT = 20;

    static final String SNAPSHOTS = "snapshots";
    /** The name under which storage's own refusals (a product of another domain) are recorded. */
    public static final String STORAGE_GATE = "storage";

    static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Logger log = LoggerFactory.getLogger(OutputPortPublisher.class);
    static final DateTimeFormatter SNAPSHOT_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final MeshLayout layout;
    private final Clock clock;
    private final List<PublishGate> gates;
    private final int snapshotsKept;

    /**
     * @param snapshotsKept how many snapshots per port stay on disk, so that a reader that resolved an older
     *     pointer can finish its query
     */
    public OutputPortPublisher(MeshLayout layout, Clock clock, List<PublishGate> gates, int snapshotsKept) {
        if (snapshotsKept < 1) {
            throw new IllegalArgumentException("snapshotsKept must be at least 1, was " + snapshotsKept);
        }
        this.layout = layout;
        this.clock = clock;
        this.gates = List.copyOf(gates);
        this.snapshotsKept = snapshotsKept;
    }

    /**
     * Publishes every output port of {@code product} from the owner's {@code area}.
     *
     * <p>A domain publishes only its own products: a product whose id names another domain is refused, and the
     * refusal is kept under the id it would have in the publishing domain (never in the other domain's folder), so
     * that its owner sees it in the catalog with what the gates found besides.
     */
    public List<Snapshot> publish(DomainArea area, DataProduct product) {
        var target = product.id();
        var audits = new ArrayList<PublishGate.Audit>();
        if (!target.domain().equals(area.domain())) {
            target = new ProductId(area.domain(), target.name());
            String reason = "Domain " + area.domain() + " cannot publish " + product.id()
                    + ": a domain publishes only its own products. Give it an id of " + area.domain() + " (such as "
                    + target + "), or let " + product.id().domain() + " publish it.";
            audits.add(new PublishGate.Audit(
                    STORAGE_GATE,
                    true,
                    reason,
                    JSON.createObjectNode().put("reason", reason).toString()));
        }
        var into = target;
        return product.ports().stream()
                .map(port -> publish(area, product, port, into, audits))
                .toList();
    }

    /**
     * Records that {@code product} was not published, and why, as a refused snapshot of each of its ports: for what
     * stops a refresh before anything is staged, such as an input port its domain may no longer read. What the ports
     * serve does not change; the catalog shows the refusal.
     */
    public void refuse(DomainArea area, DataProduct product, PublishGate.Audit why) {
        if (!product.id().domain().equals(area.domain())) {
            throw new StorageException("Domain " + area.domain() + " cannot record a refusal of " + product.id()
                    + ": a domain publishes only its own products");
        }
        String id = SNAPSHOT_ID.format(clock.instant());
        for (var port : product.ports()) {
            try {
                recordRefusal(layout.outputPort(product.id(), port.major()), id, List.of(why));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot record the refusal of " + product.id(), e);
            }
        }
        log.warn("Did not publish {}: {}", product.id(), why.summary());
    }

    private Snapshot publish(
            DomainArea area,
            DataProduct product,
            DataProduct.Port port,
            ProductId into,
            List<PublishGate.Audit> storageAudits) {
        Path portDir = layout.outputPort(into, port.major());
        Path snapshots = portDir.resolve(SNAPSHOTS);
        String id = SNAPSHOT_ID.format(clock.instant());
        Path staging = portDir.resolve(".staging-" + id + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            Files.createDirectories(snapshots);
            Path data = staging.resolve(DATA_FILE);
            var audits = new ArrayList<>(storageAudits);
            long rows = area.withConnection(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.execute("COPY (SELECT * FROM " + port.outputPort().relation() + ") TO '"
                            + sqlString(data.toString()) + "' (FORMAT parquet, COMPRESSION zstd)");
                }
                String staged = "read_parquet('" + sqlString(data.toString()) + "')";
                for (PublishGate gate : gates) {
                    audits.add(gate.audit(
                            new PublishGate.StagedSnapshot(product, port, connection, data, staged, area.domain())));
                }
                try (var statement = connection.createStatement();
                        var result = statement.executeQuery("SELECT count(*) FROM " + staged)) {
                    result.next();
                    return result.getLong(1);
                }
            });
            var blocking = audits.stream().filter(PublishGate.Audit::blocks).toList();
            if (!blocking.isEmpty()) {
                recordRefusal(portDir, id, audits);
                throw new PublishRefusedException("Refused to publish " + product.id() + " v" + port.major()
                        + (into.equals(product.id()) ? "; it" : " from domain " + area.domain() + "; " + into)
                        + " keeps serving its last good snapshot.\n"
                        + blocking.stream().map(PublishGate.Audit::summary).collect(Collectors.joining("\n")));
            }
            var snapshot = new Snapshot(
                    id,
                    product.id().toString(),
                    port.outputPort().name(),
                    port.major(),
                    port.contractVersion(),
                    clock.instant(),
                    rows,
                    DATA_FILE);
            Files.writeString(staging.resolve(CONTRACT_FILE), port.contractYaml());
            Files.writeString(staging.resolve(DESCRIPTOR_FILE), product.descriptorYaml());
            JSON.writeValue(staging.resolve(SNAPSHOT_INFO).toFile(), snapshot);
            JSON.writeValue(staging.resolve(AUDITS).toFile(), audits);

            Path target = uniqueSnapshotDir(snapshots, id);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            var published = target.getFileName().toString().equals(id)
                    ? snapshot
                    : withId(snapshot, target.getFileName().toString(), target);
            writeAtomically(portDir.resolve(CURRENT), JSON.writeValueAsBytes(published));
            prune(snapshots, published.id());
            log.info("Published {} v{} snapshot {} ({} rows)", product.id(), port.major(), published.id(), rows);
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot publish " + product.id() + " to " + portDir, e);
        } finally {
            Folders.deleteRecursively(staging);
        }
    }

    /**
     * Keeps what the gates found about a refused snapshot, beside the port, for the catalog and its owner: the
     * newest {@link #REFUSALS_KEPT}, since a product that keeps failing is refused again at every refresh.
     */
    private static void recordRefusal(Path portDir, String id, List<PublishGate.Audit> audits) throws IOException {
        Path refused = portDir.resolve(REFUSED);
        Files.createDirectories(refused);
        writeAtomically(refused.resolve(id + ".json"), JSON.writeValueAsBytes(audits));
        List<Path> old;
        try (Stream<Path> all = Files.list(refused)) {
            old = all.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed())
                    .skip(REFUSALS_KEPT)
                    .toList();
        }
        for (Path file : old) {
            Files.deleteIfExists(file);
        }
    }

    private static Snapshot withId(Snapshot snapshot, String id, Path dir) throws IOException {
        var renamed = new Snapshot(
                id,
                snapshot.product(),
                snapshot.port(),
                snapshot.major(),
                snapshot.contractVersion(),
                snapshot.publishedAt(),
                snapshot.rowCount(),
                snapshot.dataFile());
        JSON.writeValue(dir.resolve(SNAPSHOT_INFO).toFile(), renamed);
        return renamed;
    }

    private static Path uniqueSnapshotDir(Path snapshots, String id) {
        Path candidate = snapshots.resolve(id);
        for (int n = 1; Files.exists(candidate); n++) {
            candidate = snapshots.resolve(id + "-" + n);
        }
        return candidate;
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Files.write(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void prune(Path snapshots, String current) throws IOException {
        List<Path> old;
        try (Stream<Path> all = Files.list(snapshots)) {
            old = all.sorted(Comparator.comparing(Path::getFileName).reversed())
                    .skip(snapshotsKept)
                    .filter(dir -> !dir.getFileName().toString().equals(current))
                    .toList();
        }
        old.forEach(Folders::deleteRecursively);
    }

    static String sqlString(String value) {
        return value.replace("'", "''");
    }
}
