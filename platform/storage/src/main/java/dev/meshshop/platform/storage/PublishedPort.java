package dev.meshshop.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The snapshot an output port serves right now, as a reader finds it on disk. */
public record PublishedPort(ProductId product, int major, Snapshot snapshot, Path snapshotDir) {

    /** The Parquet file of this snapshot, for {@code read_parquet(...)} in DuckDB or any Parquet reader. */
    public Path dataFile() {
        return snapshotDir.resolve(snapshot.dataFile());
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
            return DataProduct.YAML.readValue(descriptorYaml(), ProductDescriptor.class);
        } catch (IOException e) {
            throw new StorageException("The descriptor of " + product + " in " + snapshotDir + " is unreadable", e);
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
