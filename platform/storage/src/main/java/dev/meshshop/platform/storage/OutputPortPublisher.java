package dev.meshshop.platform.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.meshshop.platform.contracts.Sql;
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
 *
 * <p>The products of one refresh are published together or not at all: every port of every product is written
 * and audited before any pointer moves, and their snapshots share one id (see
 * {@link #publishTogether(DomainArea, List)}).
 */
public final class OutputPortPublisher {

    static final String CURRENT = "current.json";
    static final String SNAPSHOT_INFO = "_snapshot.json";
    /**
     * A snapshot's data, in a folder of its own: engines that read a table as every file of a folder (Trino's Hive
     * connector, Spark) can point at {@code data/}. Snapshots published before this layout name {@code data.parquet}
     * in their record, and readers resolve whatever the record names.
     */
    static final String DATA_FILE = "data/data.parquet";

    static final String CONTRACT_FILE = "contract.odcs.yaml";
    static final String DESCRIPTOR_FILE = "descriptor.yaml";
    static final String AUDITS = "_audits.json";
    static final String ARTIFACTS_DIR = "artifacts";
    /** The name under which what is wrong with a port's artifacts is recorded. */
    public static final String ARTIFACTS_GATE = "artifacts";
    /**
     * The file a model's port publishes its card in, for consumers to read its inputs from; the policy
     * models-have-a-card asks every model's port to list it among its files.
     */
    public static final String MODEL_CARD = "model-card.json";
    /** How many artifacts a port may publish, and how big each may be. */
    static final int MAX_ARTIFACTS = 20;

    static final long MAX_ARTIFACT_BYTES = 64L * 1024 * 1024;
    private static final java.util.regex.Pattern ARTIFACT_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final String REFUSED = "refused";
    /** How many refused snapshots per port are kept for the catalog's history. */
    static final int REFUSALS_KEPT = 20;

    static final String SNAPSHOTS = "snapshots";
    /** The name under which storage's own refusals (a product of another domain) are recorded. */
    private static final String STORAGE_GATE = "storage";

    static final ObjectMapper JSON =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final Logger log = LoggerFactory.getLogger(OutputPortPublisher.class);
    static final DateTimeFormatter SNAPSHOT_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final MeshLayout layout;
    private final Clock clock;
    private final List<PublishGate> gates;
    private final int snapshotsKept;
    private final PublishListener listener;

    /**
     * @param snapshotsKept how many snapshots per port stay on disk, so that a reader that resolved an older
     *     pointer can finish its query
     */
    public OutputPortPublisher(MeshLayout layout, Clock clock, List<PublishGate> gates, int snapshotsKept) {
        this(layout, clock, gates, snapshotsKept, PublishListener.NONE);
    }

    /** As {@link #OutputPortPublisher(MeshLayout, Clock, List, int)}, telling {@code listener} what it does. */
    public OutputPortPublisher(
            MeshLayout layout, Clock clock, List<PublishGate> gates, int snapshotsKept, PublishListener listener) {
        if (snapshotsKept < 1) {
            throw new IllegalArgumentException("snapshotsKept must be at least 1, was " + snapshotsKept);
        }
        this.layout = layout;
        this.clock = clock;
        this.gates = List.copyOf(gates);
        this.snapshotsKept = snapshotsKept;
        this.listener = listener;
    }

    /**
     * Publishes every output port of {@code product} from the owner's {@code area}, all of them or none: see
     * {@link #publishTogether(DomainArea, List)}.
     */
    public List<Snapshot> publish(DomainArea area, DataProduct product) {
        return publishTogether(area, List.of(product));
    }

    /**
     * Publishes every output port of every one of {@code products} from the owner's {@code area} as one step: all
     * of them or none. Each port is written aside and audited first; only when every gate of every port lets its
     * snapshot through do the snapshots become current, one pointer after the other, all under the same snapshot
     * id. If any gate blocks, no port changes what it serves; the refused port keeps what its gates found, and every
     * other port records that it was held back with it, so the catalog says why nothing moved.
     *
     * <p>A domain publishes only its own products: a product whose id names another domain is refused, and the
     * refusal is kept under the id it would have in the publishing domain (never in the other domain's folder), so
     * that its owner sees it in the catalog with what the gates found besides.
     *
     * @throws PublishRefusedException if a gate blocked a port, naming the product and what the gate found
     */
    public List<Snapshot> publishTogether(DomainArea area, List<DataProduct> products) {
        String id = SNAPSHOT_ID.format(clock.instant());
        var staged = new ArrayList<Staged>();
        try {
            for (DataProduct product : products) {
                var target = product.id();
                var audits = new ArrayList<PublishGate.Audit>();
                if (!target.domain().equals(area.domain())) {
                    target = new ProductId(area.domain(), target.name());
                    String reason = "Domain " + area.domain() + " cannot publish " + product.id()
                            + ": a domain publishes only its own products. Give it an id of " + area.domain()
                            + " (such as " + target + "), or let "
                            + product.id().domain() + " publish it.";
                    audits.add(new PublishGate.Audit(
                            STORAGE_GATE,
                            true,
                            reason,
                            JSON.createObjectNode().put("reason", reason).toString()));
                }
                for (var port : product.ports()) {
                    staged.add(stage(area, product, port, target, audits, id));
                }
            }
            var refused = staged.stream().filter(Staged::blocks).toList();
            if (!refused.isEmpty()) {
                refuseAll(staged, refused, id);
            }
            return makeCurrent(staged, id);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot publish "
                            + products.stream()
                                    .map(product -> product.id().toString())
                                    .collect(Collectors.joining(", ")),
                    e);
        } finally {
            staged.forEach(port -> Folders.deleteRecursively(port.staging()));
            // what an earlier version of the mesh published as its umask said
            try {
                Folders.makePrivate(layout.meshDir());
                Folders.makePrivateTree(layout.meshDir().resolve(area.domain()));
            } catch (RuntimeException e) {
                log.warn(
                        "Cannot make the products of {} readable by the mesh's user only: {}",
                        area.domain(),
                        e.getMessage());
            }
        }
    }

    /** A port written aside and audited, not yet visible to readers. */
    private record Staged(
            DataProduct product,
            DataProduct.Port port,
            ProductId into,
            Path portDir,
            Path staging,
            long rows,
            List<Snapshot.Artifact> artifacts,
            List<PublishGate.Audit> audits) {

        boolean blocks() {
            return audits.stream().anyMatch(PublishGate.Audit::blocks);
        }

        String name() {
            return into + " v" + port.major();
        }

        String refusalText() {
            return "Refused to publish " + product.id() + " v" + port.major()
                    + (into.equals(product.id()) ? "; it" : " from domain " + into.domain() + "; " + into)
                    + " keeps serving its last good snapshot.\n"
                    + audits.stream()
                            .filter(PublishGate.Audit::blocks)
                            .map(PublishGate.Audit::summary)
                            .collect(Collectors.joining("\n"));
        }
    }

    /** The name under which a port held back because another port of the same publish was refused is recorded. */
    public static final String TOGETHER_GATE = "together";

    private Staged stage(
            DomainArea area,
            DataProduct product,
            DataProduct.Port port,
            ProductId into,
            List<PublishGate.Audit> storageAudits,
            String id)
            throws IOException {
        Path portDir = layout.outputPort(into, port.major());
        Path staging = portDir.resolve(".staging-" + id + "-" + UUID.randomUUID());
        try {
            Folders.createPrivateDirectories(staging);
            Path data = staging.resolve(DATA_FILE);
            Folders.createPrivateDirectories(data.getParent());
            var audits = new ArrayList<>(storageAudits);
            var artifacts = new ArrayList<Snapshot.Artifact>();
            if (port.outputPort().artifacts() != null) {
                Folders.createPrivateDirectories(staging.resolve(ARTIFACTS_DIR));
            }
            long rows = area.withConnection(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.execute("COPY (SELECT * FROM " + port.outputPort().relation() + ") TO "
                            + Sql.literal(data) + " (FORMAT parquet, COMPRESSION zstd)");
                }
                if (port.outputPort().artifacts() != null) {
                    writeArtifacts(connection, product, port, staging.resolve(ARTIFACTS_DIR), artifacts)
                            .ifPresent(audits::add);
                }
                String relation = "read_parquet(" + Sql.literal(data) + ")";
                for (PublishGate gate : gates) {
                    audits.add(gate.audit(
                            new PublishGate.StagedSnapshot(product, port, connection, data, relation, area.domain())));
                }
                try (var statement = connection.createStatement();
                        var result = statement.executeQuery("SELECT count(*) FROM " + relation)) {
                    result.next();
                    return result.getLong(1);
                }
            });
            return new Staged(product, port, into, portDir, staging, rows, List.copyOf(artifacts), List.copyOf(audits));
        } catch (IOException | RuntimeException e) {
            Folders.deleteRecursively(staging);
            throw e;
        }
    }

    /**
     * Writes the rows of the port's artifacts relation ({@code name}, {@code media_type}, {@code content}) as files
     * into {@code dir}, adding each to {@code written}. Returns a blocking audit when they cannot make a snapshot: none
     * at all, too many, too big, a name that is not a plain file name, or a name twice.
     */
    private static java.util.Optional<PublishGate.Audit> writeArtifacts(
            java.sql.Connection connection,
            DataProduct product,
            DataProduct.Port port,
            Path dir,
            List<Snapshot.Artifact> written)
            throws java.sql.SQLException {
        String relation = port.outputPort().artifacts();
        var problems = new ArrayList<String>();
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT name, media_type, octet_length(content) AS size, content"
                        + " FROM " + relation + " ORDER BY name")) {
            while (result.next()) {
                String name = result.getString("name");
                String mediaType = result.getString("media_type");
                long size = result.getLong("size");
                if (written.size() == MAX_ARTIFACTS) {
                    problems.add("more than " + MAX_ARTIFACTS + " files; publish fewer, or one archive");
                    break;
                }
                if (name == null || !ARTIFACT_NAME.matcher(name).matches()) {
                    problems.add("the file name '" + name + "' is not a plain file name (letters, digits, '.', '_',"
                            + " '-'; at most 100)");
                } else if (written.stream().anyMatch(artifact -> artifact.name().equals(name))) {
                    problems.add("the file " + name + " is there twice");
                } else if (mediaType == null || mediaType.isBlank()) {
                    problems.add("the file " + name + " has no media_type (such as application/pdf)");
                } else if (size > MAX_ARTIFACT_BYTES) {
                    problems.add("the file " + name + " has " + size + " bytes, more than the limit of "
                            + MAX_ARTIFACT_BYTES);
                } else {
                    var blob = result.getBlob("content");
                    byte[] content = blob == null ? null : blob.getBytes(1, (int) blob.length());
                    if (content == null) {
                        problems.add("the file " + name + " has no content");
                        continue;
                    }
                    try {
                        Files.write(dir.resolve(name), content);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot write the file " + name + " of " + product.id(), e);
                    }
                    written.add(new Snapshot.Artifact(name, mediaType, content.length, sha256(content)));
                }
            }
        }
        if (written.isEmpty() && problems.isEmpty()) {
            problems.add("there are none: a " + port.outputPort().form().label() + " is published with its files");
        }
        for (String promised : port.outputPort().files()) {
            if (written.stream().noneMatch(artifact -> artifact.name().equals(promised))) {
                problems.add("there is no " + promised + ", which the port's descriptor lists among the files every"
                        + " snapshot publishes (custom property " + ProductDescriptor.FILES + ")");
            }
        }
        if (problems.isEmpty()) {
            return java.util.Optional.empty();
        }
        String reason = "The files of " + product.id() + " v" + port.major() + " (relation " + relation
                + ") cannot be published: " + String.join("; ", problems) + ".";
        return java.util.Optional.of(new PublishGate.Audit(
                ARTIFACTS_GATE,
                true,
                reason,
                JSON.createObjectNode().put("reason", reason).toString()));
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /**
     * Records every refused port with what its gates found, and every other port as held back with it, then throws:
     * nothing of this publish becomes current.
     */
    private void refuseAll(List<Staged> staged, List<Staged> refused, String id) throws IOException {
        String refusedNames = refused.stream().map(Staged::name).collect(Collectors.joining(", "));
        var heldBack = new ArrayList<String>();
        for (Staged port : staged) {
            if (port.blocks()) {
                recordRefusal(port.portDir(), id, port.audits());
                port.audits().stream()
                        .filter(PublishGate.Audit::blocks)
                        .forEach(audit ->
                                listener.refused(port.into(), port.port().major(), audit.gate()));
            } else {
                String reason = port.name() + " passed its gates but was not published: " + refusedNames
                        + ", published together with it, was refused. It keeps serving its last good snapshot, in"
                        + " step with the products published with it.";
                var audits = new ArrayList<>(port.audits());
                audits.add(new PublishGate.Audit(
                        TOGETHER_GATE,
                        true,
                        reason,
                        JSON.createObjectNode()
                                .put("reason", reason)
                                .put("refused", refusedNames)
                                .toString()));
                recordRefusal(port.portDir(), id, audits);
                listener.refused(port.into(), port.port().major(), TOGETHER_GATE);
                heldBack.add(port.name());
            }
        }
        String message = refused.stream().map(Staged::refusalText).collect(Collectors.joining("\n"));
        if (!heldBack.isEmpty()) {
            message += "\nHeld back with it, since the products of one refresh are published together or not at all: "
                    + String.join(", ", heldBack) + ", which keep serving their last good snapshots too.";
        }
        throw new PublishRefusedException(message);
    }

    /**
     * Moves every staged port into its {@code snapshots/} folder, then replaces the pointers one after the other. If
     * a snapshot cannot be moved or a pointer replaced, the pointers already replaced are put back and the snapshots
     * already moved are removed, so the ports serve what they served and keep no snapshot that was never served.
     */
    private List<Snapshot> makeCurrent(List<Staged> staged, String id) throws IOException {
        var snapshots = new ArrayList<Snapshot>();
        var moved = new ArrayList<Path>();
        var replaced = new ArrayList<Path>();
        var before = new ArrayList<byte[]>();
        try {
            moveIntoSnapshots(staged, id, snapshots, moved);
            for (int i = 0; i < staged.size(); i++) {
                Path pointer = staged.get(i).portDir().resolve(CURRENT);
                before.add(Files.exists(pointer) ? Files.readAllBytes(pointer) : null);
                writeAtomically(pointer, JSON.writeValueAsBytes(snapshots.get(i)));
                replaced.add(pointer);
            }
        } catch (IOException | RuntimeException e) {
            for (int i = 0; i < replaced.size(); i++) {
                try {
                    if (before.get(i) == null) {
                        Files.deleteIfExists(replaced.get(i));
                    } else {
                        writeAtomically(replaced.get(i), before.get(i));
                    }
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                }
            }
            moved.forEach(Folders::deleteRecursively);
            throw e;
        }
        for (int i = 0; i < staged.size(); i++) {
            var published = snapshots.get(i);
            prune(staged.get(i).portDir().resolve(SNAPSHOTS), published.id());
            listener.published(published);
            log.info(
                    "Published {} v{} snapshot {} ({} rows)",
                    published.product(),
                    published.major(),
                    published.id(),
                    published.rowCount());
        }
        return snapshots;
    }

    /** Completes each staged port's folder and renames it into {@code snapshots/}, where no pointer names it yet. */
    private void moveIntoSnapshots(List<Staged> staged, String id, List<Snapshot> snapshots, List<Path> moved)
            throws IOException {
        for (Staged port : staged) {
            var snapshot = new Snapshot(
                    id,
                    port.product().id().toString(),
                    port.port().outputPort().name(),
                    port.port().major(),
                    port.port().contractVersion(),
                    clock.instant(),
                    port.rows(),
                    DATA_FILE,
                    port.artifacts());
            Files.writeString(port.staging().resolve(CONTRACT_FILE), port.port().contractYaml());
            Files.writeString(
                    port.staging().resolve(DESCRIPTOR_FILE), port.product().descriptorYaml());
            JSON.writeValue(port.staging().resolve(SNAPSHOT_INFO).toFile(), snapshot);
            JSON.writeValue(port.staging().resolve(AUDITS).toFile(), port.audits());
            Folders.makePrivateTree(port.staging());
            Path snapshotsDir = port.portDir().resolve(SNAPSHOTS);
            Folders.createPrivateDirectories(snapshotsDir);
            Path target = uniqueSnapshotDir(snapshotsDir, id);
            Files.move(port.staging(), target, StandardCopyOption.ATOMIC_MOVE);
            moved.add(target);
            snapshots.add(
                    target.getFileName().toString().equals(id)
                            ? snapshot
                            : withId(snapshot, target.getFileName().toString(), target));
        }
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
                listener.refused(product.id(), port.major(), why.gate());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot record the refusal of " + product.id(), e);
            }
        }
        log.warn("Did not publish {}: {}", product.id(), why.summary());
    }

    /**
     * Removes what publishes of {@code domain} left behind when their process was killed: staging folders, with a
     * copy of a product's data that was never published, and half-written pointers and refusals. Call it before the
     * domain's first publish; one process publishes a domain's products, so no publish of it is under way.
     *
     * @return how many leftovers were removed
     */
    public int removeLeftovers(String domain) {
        Path products = layout.meshDir().resolve(domain);
        if (!Files.isDirectory(products)) {
            return 0;
        }
        List<Path> leftovers;
        try (Stream<Path> walk = Files.walk(products, 4)) {
            leftovers = walk.filter(path -> {
                        String name = path.getFileName().toString();
                        return name.startsWith(".staging-") || (name.startsWith(".") && name.endsWith(".tmp"));
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look for leftovers of publishes in " + products, e);
        }
        leftovers.forEach(Folders::deleteRecursively);
        if (!leftovers.isEmpty()) {
            log.warn("Removed {} leftovers of interrupted publishes of {} from {}", leftovers.size(), domain, products);
        }
        return leftovers.size();
    }

    /**
     * Keeps what the gates found about a refused snapshot, beside the port, for the catalog and its owner: the
     * newest {@link #REFUSALS_KEPT}, since a product that keeps failing is refused again at every refresh.
     */
    private static void recordRefusal(Path portDir, String id, List<PublishGate.Audit> audits) throws IOException {
        Path refused = portDir.resolve(REFUSED);
        Folders.createPrivateDirectories(refused);
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
                snapshot.dataFile(),
                snapshot.artifacts());
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
        Files.createFile(temp, Folders.privateFile(file.getParent()));
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
}
