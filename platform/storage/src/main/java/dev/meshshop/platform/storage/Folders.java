package dev.meshshop.platform.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Folder housekeeping shared by the platform's stages. */
public final class Folders {

    private static final Logger log = LoggerFactory.getLogger(Folders.class);

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
}
