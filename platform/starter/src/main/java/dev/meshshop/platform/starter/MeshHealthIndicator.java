package dev.meshshop.platform.starter;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The mesh member's health, per domain: how far ingest is behind, what the last refresh produced, and why the
 * last refresh failed if it did. A failed refresh makes the member DOWN; its products still serve their last
 * good snapshot.
 */
final class MeshHealthIndicator extends AbstractHealthIndicator {

    private final MeshRuntime mesh;

    MeshHealthIndicator(MeshRuntime mesh) {
        super("Mesh health check failed");
        this.mesh = mesh;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean failed = false;
        for (DomainRuntime domain : mesh.domains()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("ingestLag", domain.ingestLag());
            var last = domain.lastRefresh();
            if (last != null) {
                details.put("cleanRows", last.cleaning().clean());
                details.put("quarantined", last.cleaning().quarantinedByRule());
                details.put(
                        "published",
                        last.snapshots().stream()
                                .map(snapshot ->
                                        snapshot.product() + " v" + snapshot.major() + " @ " + snapshot.publishedAt())
                                .toList());
            }
            if (domain.lastFailure() != null) {
                details.put("lastRefreshFailed", domain.lastFailure());
                failed = true;
            }
            builder.withDetail(domain.domain().name(), details);
        }
        if (failed) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
