package dev.meshshop.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads what the mesh serves: every output port's current snapshot. It only reads files, so any process
 * (catalog, query service, a consumer domain) can use it while producers publish.
 */
public final class MeshDirectory {

    private final MeshLayout layout;

    public MeshDirectory(MeshLayout layout) {
        this.layout = layout;
    }

    /** Every published output port, ordered by product id and major version. */
    public List<PublishedPort> ports() {
        Path mesh = layout.meshDir();
        if (!Files.isDirectory(mesh)) {
            return List.of();
        }
        try (Stream<Path> pointers = Files.find(
                mesh, 4, (path, attributes) -> path.getFileName().toString().equals(OutputPortPublisher.CURRENT))) {
            return pointers.map(this::read)
                    .sorted(Comparator.comparing(
                                    (PublishedPort port) -> port.product().toString())
                            .thenComparing(PublishedPort::major))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the published products under " + mesh, e);
        }
    }

    /** The newest major version of {@code product} that is published, if any. */
    public Optional<PublishedPort> latest(ProductId product) {
        return ports().stream()
                .filter(port -> port.product().equals(product))
                .max(Comparator.comparingInt(PublishedPort::major));
    }

    /** The current snapshot of {@code product} at major version {@code major}, if published. */
    public Optional<PublishedPort> find(ProductId product, int major) {
        Path pointer = layout.outputPort(product, major).resolve(OutputPortPublisher.CURRENT);
        return Files.exists(pointer) ? Optional.of(read(pointer)) : Optional.empty();
    }

    private PublishedPort read(Path pointer) {
        try {
            Snapshot snapshot = OutputPortPublisher.JSON.readValue(pointer.toFile(), Snapshot.class);
            Path dir = pointer.resolveSibling(OutputPortPublisher.SNAPSHOTS).resolve(snapshot.id());
            return new PublishedPort(ProductId.parse(snapshot.product()), snapshot.major(), snapshot, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the snapshot pointer " + pointer, e);
        }
    }
}
