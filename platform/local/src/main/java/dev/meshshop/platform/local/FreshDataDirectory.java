package dev.meshshop.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
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
 * skip new events that reuse them.
 */
final class FreshDataDirectory implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String MARKER = ".mesh-shop-data";

    /** The option that empties the data directory at start. */
    static final String FRESH = "mesh.local.fresh";

    /** Before {@link EmbeddedBroker}, which opens the broker's log in the prepared directory. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private static final Logger log = LoggerFactory.getLogger(FreshDataDirectory.class);

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        var application = event.getSpringApplication();
        if (!MeshShopLocal.isLauncher(application)) {
            return;
        }
        var environment = event.getEnvironment();
        boolean fresh = environment.getProperty(FRESH, Boolean.class, freshByDefault(application.getAllSources()));
        prepare(dataDir(environment), fresh);
    }

    static Path dataDir(Environment environment) {
        return Path.of(environment.getProperty("mesh.data-dir", ".mesh-data"));
    }

    /** Whether a source marked {@link EmbeddedMesh} asks to start from nothing unless told otherwise. */
    private static boolean freshByDefault(Set<Object> sources) {
        return sources.stream()
                .filter(source -> source instanceof Class<?>)
                .map(source -> AnnotatedElementUtils.findMergedAnnotation((Class<?>) source, EmbeddedMesh.class))
                .anyMatch(mesh -> mesh != null && mesh.fresh());
    }

    /**
     * Makes {@code dir} ready for the embedded mesh: emptied when {@code fresh}, else kept as it is.
     *
     * @throws IllegalStateException when {@code dir} holds files Mesh Shop did not write, or data of an earlier
     *     Mesh Shop that kept no broker log and {@code fresh} is not set
     */
    static void prepare(Path dir, boolean fresh) {
        try {
            if (Files.isDirectory(dir) && !isEmpty(dir)) {
                if (!Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalStateException("The data directory " + dir.toAbsolutePath()
                            + " holds files that Mesh Shop did not write. Point mesh.data-dir at an empty or new"
                            + " folder, or at one the embedded mesh wrote before.");
                }
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

    private static void empty(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.equals(dir))
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** Whether {@code dir} holds anything besides the marker: areas, products, the access log. */
    private static boolean holdsData(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(path -> !path.getFileName().toString().equals(MARKER));
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
