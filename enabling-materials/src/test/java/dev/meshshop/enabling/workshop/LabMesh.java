package dev.meshshop.enabling.workshop;

import dev.meshshop.apps.local.MeshShopLocal;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The mesh the workshop runs, for the labs' tests: the embedded launcher with every domain, its catalog, access and
 * query services, filled with the simulated company at the workshop's scale and seed, the values a participant
 * starts it with ({@code --mesh.local.scale=0.01}), on free ports (HTTP, Kafka, Flight SQL) and its own data
 * directory. Every lab test class carries this annotation, so they share one running mesh (Spring caches the
 * context) and it is filled once. Tests reach it through the bean {@link FilledMesh}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = {MeshShopLocal.class, FilledMesh.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mesh.local.scale=" + LabMesh.SCALE,
            "mesh.local.seed=" + LabMesh.SEED,
            "mesh.refresh-interval=0s",
            "mesh.local.kafka-port=0",
            // every test run fills its mesh anew: the data directory of an earlier run is emptied
            "mesh.local.fresh=true",
            "mesh.query.flight.port=0",
            "mesh.data-dir=" + LabMesh.DATA_DIR
        })
@interface LabMesh {

    /** The workshop's scale: about 40,000 events, filled in under a minute, every planted effect visible. */
    double SCALE = 0.01;

    long SEED = 42;

    String DATA_DIR = "target/lab-mesh";
}
