package dev.meshshop.platform.local;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Mesh Shop in one JVM: an embedded KRaft Kafka broker, every domain on the classpath, the catalog. On start
 * it fills the mesh with a simulated company and prints where to look.
 *
 * <p>Before the context is built, {@code META-INF/spring.factories} registers two listeners: one empties the
 * data directory, one starts the embedded broker. Each start begins with an empty data directory: the embedded broker keeps nothing between runs, so data
 * ingested by an earlier run would no longer match the broker's topics.
 */
@SpringBootApplication
@EnableConfigurationProperties(LocalProperties.class)
public class MeshShopLocal {

    public static void main(String[] args) {
        SpringApplication.run(MeshShopLocal.class, args);
    }
}
