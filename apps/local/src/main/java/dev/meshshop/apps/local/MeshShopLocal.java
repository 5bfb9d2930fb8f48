package dev.meshshop.apps.local;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import sun.misc.Signal;

/**
 * Mesh Shop in one JVM: an embedded KRaft Kafka broker, every domain on the classpath, the catalog. On start
 * it fills the mesh with a simulated company and prints where to look.
 *
 * <p>Before the context is built, {@code META-INF/spring.factories} registers a listener ({@link EmbeddedBroker})
 * that locks and prepares the data directory ({@link FreshDataDirectory}) and starts the embedded broker with its
 * log in it. It acts only for an application built from a class marked {@link EmbeddedMesh} (see
 * {@link #isLauncher}), as this one is, not for every application that has the launcher on its class path.
 *
 * <p>The mesh keeps its state in the data directory between starts: the broker's log with its topics and committed
 * offsets, the domains' areas, the published products with their snapshots, the access log and the usage audit. Stop
 * it, start it again, and it continues where it stopped: the fill is not sent again ({@link FillTheMesh}) and ingest
 * resumes after the last offset each domain stored, so no event is ingested twice. {@code --mesh.local.fresh=true}
 * empties the data directory first and starts from nothing.
 */
@SpringBootApplication
@EmbeddedMesh
@EnableConfigurationProperties(LocalProperties.class)
public class MeshShopLocal {

    /**
     * Whether {@code application} runs the embedded mesh, the launcher or another application built from a class
     * marked {@link EmbeddedMesh}: the start-up listeners of the embedded mesh act only then.
     */
    static boolean isLauncher(SpringApplication application) {
        return application.getAllSources().stream()
                .anyMatch(source -> source instanceof Class<?> type && type.isAnnotationPresent(EmbeddedMesh.class));
    }

    public static void main(String[] args) {
        var context = SpringApplication.run(MeshShopLocal.class, args);
        // On Ctrl-C, close the mesh in order (the domains, then the broker, which flushes its log) before the JVM's
        // shutdown hooks run, so the next start finds the data directory as it was left.
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                context.close();
                System.exit(128 + signal.getNumber());
            });
        }
    }
}
