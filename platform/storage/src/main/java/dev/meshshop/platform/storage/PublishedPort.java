package dev.meshshop.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The snapshot an output port serves right now, as a reader finds it on disk. */
public record PublishedPort(ProductId product, int major, Snapshot snapshot, Path snapshotDir) {

    /** The Parquet file of this snapshot, for {@code read_parquet(...)} in DuckDB or any Parquet reader. */
    public Path dataFile() {
        return snapshotDir.resolve(snapshot.dataFile());
    }

    /**
     * The file of the artifact {@code name} of this snapshot (a report's PDF, a model's ONNX file), if it has one by
     * that name.
     */
    public Optional<Path> artifactFile(String name) {
        return snapshot.artifact(name)
                .map(artifact ->
                        snapshotDir.resolve(OutputPortPublisher.ARTIFACTS_DIR).resolve(artifact.name()));
    }

    /** The ODCS contract the snapshot was published under. */
    public String contractYaml() {
        return read(OutputPortPublisher.CONTRACT_FILE);
    }

    /** The product descriptor as it was when the snapshot was published. */
    public String descriptorYaml() {
        return read(OutputPortPublisher.DESCRIPTOR_FILE);
    }

    public ProductDescriptor descriptor() {
        try {
            return ProductDescriptor.read(descriptorYaml());
        } catch (IllegalArgumentException e) {
            throw new StorageException("The descriptor of " + product + " in " + snapshotDir + " is unreadable", e);
        }
    }

    /**
     * What the publish gates found about this snapshot when it was published; empty for a snapshot published
     * before gates recorded their audits.
     */
    public List<PublishGate.Audit> audits() {
        return readAudits(snapshotDir.resolve(OutputPortPublisher.AUDITS));
    }

    /** The newest snapshot the gates refused since this one was published, with what they found, if any. */
    public Optional<Refusal> lastRefusal() {
        var refusals = refusals();
        return refusals.isEmpty()
                        || refusals.get(refusals.size() - 1).snapshotId().compareTo(snapshot.id()) <= 0
                ? Optional.empty()
                : Optional.of(refusals.get(refusals.size() - 1));
    }

    /** Every refused snapshot of this port still on record, oldest first, with what the gates found. */
    public List<Refusal> refusals() {
        Path refused = portDir().resolve(OutputPortPublisher.REFUSED);
        if (!Files.isDirectory(refused)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(refused)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.startsWith("."))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .sorted()
                    .map(id -> new Refusal(id, readAudits(refused.resolve(id + ".json"))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the refused snapshots of " + product + " in " + refused, e);
        }
    }

    /**
     * Every snapshot of this port still kept (see {@code mesh.snapshots-kept}), oldest first: the served one and
     * those before it, each with its own contract, descriptor and audits.
     */
    public List<PublishedPort> history() {
        Path snapshots = portDir().resolve(OutputPortPublisher.SNAPSHOTS);
        try (Stream<Path> dirs = Files.list(snapshots)) {
            return dirs.filter(dir -> Files.exists(dir.resolve(OutputPortPublisher.SNAPSHOT_INFO)))
                    .sorted()
                    .flatMap(dir -> {
                        try {
                            var kept = OutputPortPublisher.JSON.readValue(
                                    dir.resolve(OutputPortPublisher.SNAPSHOT_INFO)
                                            .toFile(),
                                    Snapshot.class);
                            return Stream.of(new PublishedPort(product, major, kept, dir));
                        } catch (IOException e) {
                            // removed by retention while being listed
                            return Stream.empty();
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the snapshots of " + product + " in " + snapshots, e);
        }
    }

    private Path portDir() {
        return snapshotDir.getParent().getParent();
    }

    /** A snapshot the gates refused: its id (the time it was staged) and what each gate found. */
    public record Refusal(String snapshotId, List<PublishGate.Audit> audits) {

        /** When the refused snapshot was staged, as its id says. */
        public Instant stagedAt() {
            return OutputPortPublisher.SNAPSHOT_ID.parse(snapshotId, Instant::from);
        }
    }

    private List<PublishGate.Audit> readAudits(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return List.of(OutputPortPublisher.JSON.readValue(file.toFile(), PublishGate.Audit[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audits " + file + " of " + product, e);
        }
    }

    private String read(String file) {
        try {
            return Files.readString(snapshotDir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " of " + product + " in " + snapshotDir, e);
        }
    }
}
