package dev.meshshop.platform.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folder housekeeping shared by the platform's stages, and the permissions of what the mesh keeps: on a file system
 * with POSIX permissions, its folders are {@code rwx------} and its files {@code rw-------}, readable by the mesh's
 * user only. Elsewhere (Windows) files keep what the file system gives them.
 */
public final class Folders {

    private static final Logger log = LoggerFactory.getLogger(Folders.class);

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private Folders() {}

    /** Deletes {@code dir} and everything in it, if it exists; a file that cannot be deleted is logged. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                if (!path.toFile().delete()) {
                    log.warn("Could not delete {}", path);
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }

    /**
     * Creates {@code dir} and the parents it lacks, each readable by the mesh's user only; folders that exist already
     * keep their permissions.
     */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        var missing = new ArrayDeque<Path>();
        for (Path at = absolute; at != null && !Files.isDirectory(at); at = at.getParent()) {
            missing.push(at);
        }
        for (Path folder : missing) {
            try {
                if (posix(folder.getParent())) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
                    // the process's umask may have taken bits away; it never adds any
                } else {
                    Files.createDirectory(folder);
                }
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
            }
        }
        return dir;
    }

    /**
     * The attributes that create a file readable by the mesh's user only, for {@code Files.createFile} and its kin in
     * {@code dir}; none where the file system has no POSIX permissions.
     */
    public static FileAttribute<?>[] privateFile(Path dir) {
        return posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /**
     * Makes {@code path} readable by the mesh's user only: {@code rwx------} for a folder, {@code rw-------} for a
     * file. Nothing happens where the file system has no POSIX permissions, or when the path is gone meanwhile.
     */
    public static void makePrivate(Path path) {
        try {
            if (!posix(path)) {
                return;
            }
            boolean folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            if (!folder && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            var wanted = folder ? FOLDER : FILE;
            if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile, such as a write-ahead log at a checkpoint
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make " + path + " readable by the mesh's user only", e);
        }
    }

    /** {@link #makePrivate} for {@code root} and everything under it that is there now. */
    static void makePrivateTree(Path root) {
        if (!Files.exists(root) || !posix(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(Folders::makePrivate);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
            // something was removed while listed; what is left is made private at the next sweep
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root + " to make it readable by the mesh's user only", e);
        }
    }

    private static boolean posix(Path path) {
        try {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }
}
