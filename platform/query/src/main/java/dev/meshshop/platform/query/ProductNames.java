package dev.meshshop.platform.query;

import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.ProductVersions;
import dev.meshshop.platform.storage.PublishedPort;
import java.time.Clock;
import java.util.Optional;

/**
 * What a product's name in a query reads (ADR 23): {@code fulfillment.returns} the newest major version,
 * {@code fulfillment.returns_v1} major version 1, each at its current snapshot. Versions are judged at the mesh's
 * time: a retired one is refused (410) with how to migrate.
 */
final class ProductNames {

    private final ProductVersions versions;
    private final Clock clock;

    ProductNames(MeshDirectory mesh, Clock clock) {
        this.versions = new ProductVersions(mesh);
        this.clock = clock;
    }

    /**
     * The snapshot {@code name} reads now, empty when nothing by that name is published.
     *
     * @throws MeshProblem 410 when the name pins a retired major version
     */
    Optional<PublishedPort> resolve(ProductId name) {
        try {
            return versions.resolve(name, clock.instant());
        } catch (ProductVersions.VersionRetired retired) {
            throw new MeshProblem(410, "Version retired", retired.getMessage());
        }
    }
}
