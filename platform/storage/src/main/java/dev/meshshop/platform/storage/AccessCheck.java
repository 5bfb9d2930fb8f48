package dev.meshshop.platform.storage;

import java.util.Optional;
import java.util.Set;

/**
 * Decides what a consumer domain may read of another domain's product. The platform asks before every read it
 * serves: when it points an input port at a product ({@link InputPorts}) and when the query service exposes one.
 * The mesh's access requests (platform/access) answer it; storage only asks.
 */
public interface AccessCheck {

    /**
     * Why {@code consumer} may not read {@code product}, with how to get access; empty when it may.
     */
    Optional<String> refusal(String consumer, ProductId product);

    /**
     * The columns of {@code port} that {@code consumer} may read the product without: those its contract classifies
     * as restricted and does not open to the consumer. Empty by default.
     */
    default Set<String> hiddenColumns(String consumer, PublishedPort port) {
        return Set.of();
    }

    /**
     * Lets every domain read every product whole: for tests and tools that read a mesh without access control. A
     * mesh member never uses it; the starter wires the mesh's access requests.
     */
    static AccessCheck unchecked() {
        return (consumer, product) -> Optional.empty();
    }
}
