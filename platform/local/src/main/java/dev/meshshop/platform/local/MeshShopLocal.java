package dev.meshshop.platform.local;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import sun.misc.Signal;

/**
 * Mesh Shop in one JVM: an embedded KRaft Kafka broker, every domain on the classpath, the catalog. On start
 * it fills the mesh with a simulated company and prints where to look.
 *
 * <p>Before the context is built, {@code META-INF/spring.factories} registers two listeners: one empties the
 * data directory, one starts the embedded broker. They act only for an application built from a class marked
 * {@link EmbeddedMesh} (see {@link #isLauncher}), as this one is, not for every application that has the launcher
 * on its class path. Each start begins with an empty data directory: the embedded broker keeps nothing between runs, so data
 * ingested by an earlier run would no longer match the broker's topics.
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
        // On Ctrl-C, close the mesh before the JVM's shutdown hooks run: the embedded broker's own hook deletes
        // its log folder, and would do so under a broker that is still running.
        for (String name : new String[] {"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                context.close();
                System.exit(128 + signal.getNumber());
            });
        }
    }
}
