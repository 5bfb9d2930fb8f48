package dev.meshshop.platform.storage;

import java.nio.file.Path;

/**
 * Where the mesh keeps its data on a file system (an object store in a bigger setup).
 *
 * <pre>
 * &lt;data-dir&gt;/domains/&lt;domain&gt;/&lt;domain&gt;.duckdb    a domain's private area, one writer process
 * &lt;data-dir&gt;/domains/&lt;domain&gt;/work/               scratch space of the domain's pipeline runs, emptied at start
 * &lt;data-dir&gt;/mesh/&lt;domain&gt;/&lt;product&gt;/v&lt;major&gt;/  published output ports, read by everyone
 * &lt;data-dir&gt;/inbox/&lt;domain&gt;/&lt;export&gt;/           files a domain's legacy systems deliver, until loaded
 * </pre>
 */
public record MeshLayout(Path dataDir) {

    /** The property that names the data directory ({@code MESH_DATA_DIR} in the environment). */
    public static final String DATA_DIR_PROPERTY = "mesh.data-dir";

    /** The data directory when none is set: {@code .mesh-data} in the working directory. */
    public static final String DEFAULT_DATA_DIR = ".mesh-data";

    /**
     * The placeholder that resolves the data directory in Spring's {@code @Value}, with the default above: every
     * process and module of the mesh finds the same directory.
     */
    public static final String DATA_DIR_PLACEHOLDER = "${" + DATA_DIR_PROPERTY + ":" + DEFAULT_DATA_DIR + "}";

    public MeshLayout {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    Path domainDir(String domain) {
        return dataDir.resolve("domains").resolve(domain);
    }

    public Path domainDatabase(String domain) {
        return domainDir(domain).resolve(domain + ".duckdb");
    }

    public Path workDir(String domain) {
        return domainDir(domain).resolve("work");
    }

    /** Where the change data capture {@code capture} of one of {@code domain}'s systems keeps its position. */
    public Path captureOffsets(String domain, String capture) {
        return domainDir(domain).resolve("capture").resolve(capture + ".offsets");
    }

    /**
     * Where the files of {@code domain}'s file export {@code export} are delivered: outside the domain's private area,
     * so that the delivering system (a partner's transfer, a legacy job) needs no access to anything else. Loaded
     * files move to {@code loaded/} below it, refused and duplicate ones to {@code set-aside/}.
     */
    public Path inbox(String domain, String export) {
        return dataDir.resolve("inbox").resolve(domain).resolve(export);
    }

    public Path meshDir() {
        return dataDir.resolve("mesh");
    }

    public Path outputPort(ProductId product, int major) {
        return meshDir().resolve(product.domain()).resolve(product.name()).resolve("v" + major);
    }
}
