package dev.meshshop.apps.local;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an application that runs the embedded mesh: before its context is built, its data directory is prepared
 * and an embedded Kafka broker starts with its log there, as for the launcher ({@link MeshShopLocal}, which carries
 * it). An application without it that merely has the launcher on its class path keeps its data and starts no
 * broker. The benchmarks carry it, so that they measure the mesh the launcher runs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EmbeddedMesh {

    /**
     * Whether the application starts from nothing unless {@code mesh.local.fresh} says otherwise: true for a
     * benchmark, which must measure a mesh filled once; false for the launcher, which continues where it stopped.
     */
    boolean fresh() default false;
}
