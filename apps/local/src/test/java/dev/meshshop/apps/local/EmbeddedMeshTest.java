package dev.meshshop.apps.local;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The embedded mesh as README command 1 starts it, for tests: the launcher with every domain, on a free Kafka
 * port and its own data directory, filled at test scale. Test classes with this annotation share one running
 * mesh (Spring caches the context), so it is filled once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Inlined, because the broker and the data directory are set up before the context exists. Port 0: the
        // embedded broker takes a free port, so the test never collides with a Kafka on 9092.
        properties = {
            "mesh.local.scale=" + EmbeddedMeshTest.SCALE,
            "mesh.local.seed=" + EmbeddedMeshTest.SEED,
            "mesh.refresh-interval=0s",
            "mesh.local.kafka-port=0",
            // every test run fills its mesh anew: the data directory of an earlier run is emptied
            "mesh.local.fresh=true",
            "mesh.data-dir=" + EmbeddedMeshTest.DATA_DIR
        })
@interface EmbeddedMeshTest {

    /** About 40,000 events over all domains: small, yet every planted effect shows. */
    double SCALE = 0.01;

    long SEED = 42;

    String DATA_DIR = "target/local-mesh-test";
}
