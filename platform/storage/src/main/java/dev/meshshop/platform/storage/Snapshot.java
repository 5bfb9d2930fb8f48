package dev.meshshop.platform.storage;

import java.time.Instant;
import java.util.List;

/**
 * One immutable, published state of an output port. Its files live in
 * {@code mesh/<domain>/<product>/v<major>/snapshots/<id>/}: the data as Parquet, the contract and descriptor
 * as they were at publish time, the port's artifacts under {@code artifacts/} (a report's PDF, a model's ONNX file),
 * and this record as {@code _snapshot.json}.
 */
public record Snapshot(
        String id,
        String product,
        String port,
        int major,
        String contractVersion,
        Instant publishedAt,
        long rowCount,
        String dataFile,
        List<Artifact> artifacts) {

    public Snapshot {
        // snapshots published before ports had artifacts have none
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }

    /** A snapshot of a dataset's port: its data and no artifacts. */
    public Snapshot(
            String id,
            String product,
            String port,
            int major,
            String contractVersion,
            Instant publishedAt,
            long rowCount,
            String dataFile) {
        this(id, product, port, major, contractVersion, publishedAt, rowCount, dataFile, List.of());
    }

    /**
     * A file published with a port's data, in {@code artifacts/<name>} of the snapshot.
     *
     * @param sha256 the file's SHA-256 in hex, so that a reader can tell it got the file the snapshot was published
     *     with
     */
    public record Artifact(String name, String mediaType, long bytes, String sha256) {}

    /** The artifact named {@code name}, if the snapshot has it. */
    public java.util.Optional<Artifact> artifact(String name) {
        return artifacts.stream()
                .filter(artifact -> artifact.name().equals(name))
                .findFirst();
    }
}
