package dev.meshshop.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Empties the data directory before the mesh opens it. A folder that does not carry the mesh's marker file is
 * never deleted: pointing {@code mesh.data-dir} at a folder of your own stops the start with a message instead.
 */
final class FreshDataDirectory implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String MARKER = ".mesh-shop-data";
    private static final Logger log = LoggerFactory.getLogger(FreshDataDirectory.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!MeshShopLocal.isLauncher(event.getSpringApplication())) {
            return;
        }
        reset(Path.of(event.getEnvironment().getProperty("mesh.data-dir", ".mesh-data")));
    }

    static void reset(Path dir) {
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalStateException("The data directory " + dir.toAbsolutePath()
                            + " holds files that Mesh Shop did not write. Point mesh.data-dir at an empty or new"
                            + " folder (the embedded mesh empties its data directory on every start).");
                }
                log.info("Starting with an empty data directory {} (the embedded broker starts empty too)", dir);
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder())
                            .filter(path -> !path.equals(dir))
                            .forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "Written by Mesh Shop; emptied on every embedded start.\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the data directory " + dir.toAbsolutePath(), e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
