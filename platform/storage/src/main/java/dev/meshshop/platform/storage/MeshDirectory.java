package dev.meshshop.platform.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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

    /** Where the mesh's data lies. */
    public MeshLayout layout() {
        return layout;
    }

    /**
     * Every published output port, ordered by product id and major version. Publishers may be swapping pointers
     * and removing old snapshots meanwhile: what vanishes while it is listed is skipped, never an error.
     */
    public List<PublishedPort> ports() {
        Path mesh = layout.meshDir();
        return children(mesh).stream()
                .flatMap(domain -> children(domain).stream())
                .flatMap(product -> children(product).stream())
                .map(port -> port.resolve(OutputPortPublisher.CURRENT))
                .flatMap(pointer -> readIfPresent(pointer).stream())
                .sorted(Comparator.comparing(
                                (PublishedPort port) -> port.product().toString())
                        .thenComparing(PublishedPort::major))
                .toList();
    }

    /** The folders in {@code dir}, without hidden ones such as a publisher's staging folders. */
    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .toList();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the published products under " + dir, e);
        }
    }

    private Optional<PublishedPort> readIfPresent(Path pointer) {
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(pointer));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException || e.getCause() instanceof FileNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The newest major version of every published product, by product id in {@link #ports()}'s order. */
    public java.util.Map<ProductId, PublishedPort> newestPorts() {
        return newest(ports());
    }

    /** The newest major version of each product among {@code ports}, by product id in the order of {@code ports}. */
    public static java.util.Map<ProductId, PublishedPort> newest(List<PublishedPort> ports) {
        var newest = new java.util.LinkedHashMap<ProductId, PublishedPort>();
        ports.forEach(port -> newest.merge(port.product(), port, (a, b) -> a.major() >= b.major() ? a : b));
        return newest;
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
