package dev.meshshop.apps.local;

import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;

/**
 * Prepares the data directory before the mesh opens it. The embedded mesh keeps its state there between starts
 * (the broker's log, the domains' areas, the published products, the access log); with
 * {@code mesh.local.fresh=true} the directory is emptied first and the mesh starts from nothing.
 *
 * <p>A folder that does not carry the mesh's marker file is never used, let alone emptied: pointing
 * {@code mesh.data-dir} at a folder of your own stops the start with a message instead. Nor is a folder written by
 * an earlier Mesh Shop that kept no broker log: its raw zones remember offsets of a broker that is gone, and would
 * skip new events that reuse them. While a mesh runs it holds a lock on its data directory, so a second mesh started on
 * the same folder stops with a message instead of opening, or emptying, the files of the first.
 */
final class FreshDataDirectory {

    static final String MARKER = ".mesh-shop-data";

    /** The file a running mesh holds a lock on, so that a second one cannot open or empty its data directory. */
    static final String LOCK = ".mesh-shop-lock";

    /** The option that empties the data directory at start. */
    static final String FRESH = "mesh.local.fresh";

    private static final Logger log = LoggerFactory.getLogger(FreshDataDirectory.class);

    private FreshDataDirectory() {}

    static Path dataDir(Environment environment) {
        return Path.of(environment.getProperty(MeshLayout.DATA_DIR_PROPERTY, MeshLayout.DEFAULT_DATA_DIR));
    }

    /**
     * Whether the embedded mesh of {@code application} starts from nothing: {@code mesh.local.fresh} when set, else
     * what its source marked {@link EmbeddedMesh} asks for.
     */
    static boolean fresh(Environment environment, Set<Object> sources) {
        return environment.getProperty(FRESH, Boolean.class, freshByDefault(sources));
    }

    /** Whether a source marked {@link EmbeddedMesh} asks to start from nothing unless told otherwise. */
    private static boolean freshByDefault(Set<Object> sources) {
        return sources.stream()
                .filter(source -> source instanceof Class<?>)
                .map(source -> AnnotatedElementUtils.findMergedAnnotation((Class<?>) source, EmbeddedMesh.class))
                .anyMatch(mesh -> mesh != null && mesh.fresh());
    }

    /**
     * Locks {@code dir} for this process and prepares it ({@link #prepare}); the lock is held until the returned
     * handle is closed, so that a second mesh started on the same directory stops with a message instead of opening
     * (or emptying) the files of the running one.
     *
     * @throws IllegalStateException when another mesh holds the directory, or {@link #prepare} refuses it
     */
    static Closeable open(Path dir, boolean fresh) {
        refuseForeign(dir);
        FileChannel channel;
        FileLock lock;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + dir.toAbsolutePath(), e);
        }
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            close(channel);
            throw new IllegalStateException("The data directory " + dir.toAbsolutePath() + " is in use by another"
                    + " Mesh Shop. Stop it, or start with --mesh.data-dir=<another folder>.");
        }
        try {
            prepare(dir, fresh);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
        return channel::close;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing the lock of the data directory failed", e);
        }
    }

    private static void refuseForeign(Path dir) {
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir) && !Files.exists(dir.resolve(MARKER))) {
                throw new IllegalStateException("The data directory " + dir.toAbsolutePath()
                        + " holds files that Mesh Shop did not write. Point mesh.data-dir at an empty or new"
                        + " folder, or at one the embedded mesh wrote before.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the data directory " + dir.toAbsolutePath(), e);
        }
    }

    /**
     * Makes {@code dir} ready for the embedded mesh: emptied when {@code fresh}, else kept as it is.
     *
     * @throws IllegalStateException when {@code dir} holds files Mesh Shop did not write, or data of an earlier
     *     Mesh Shop that kept no broker log and {@code fresh} is not set
     */
    static void prepare(Path dir, boolean fresh) {
        try {
            refuseForeign(dir);
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (fresh) {
                    log.info("Starting from nothing: emptying the data directory {} ({}=true)", dir, FRESH);
                    empty(dir);
                } else if (!Files.isDirectory(dir.resolve(EmbeddedBroker.FOLDER)) && holdsData(dir)) {
                    throw new IllegalStateException("The data directory " + dir.toAbsolutePath()
                            + " was written by an earlier Mesh Shop, which kept no broker log: its domains remember"
                            + " Kafka offsets of a broker that is gone, and would skip new events. Start once with --"
                            + FRESH + "=true to begin from nothing (this empties the folder).");
                } else {
                    log.info("Continuing with the data directory {} ({}=true starts from nothing)", dir, FRESH);
                }
            }
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve(MARKER),
                    "Written by Mesh Shop's embedded mesh, which keeps its state here between starts;"
                            + " --mesh.local.fresh=true empties this folder.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + dir.toAbsolutePath(), e);
        }
    }

    /** Deletes everything in {@code dir} but the lock this process holds. */
    private static void empty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(path -> !path.equals(dir.resolve(LOCK))).forEach(Folders::deleteRecursively);
        }
    }

    /** Whether {@code dir} holds anything besides the marker: areas, products, the access log. */
    private static boolean holdsData(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(path -> path.getFileName().toString())
                    .anyMatch(name -> !name.equals(MARKER) && !name.equals(LOCK));
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(path -> path.getFileName().toString().equals(LOCK));
        }
    }
}
