package dev.meshshop.platform.starter;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The mesh member's health, per domain: how far ingest is behind and whether it is failing or stalled, what the
 * last refresh produced, and why the last refresh failed if it did. A failing, stalled or broker-less ingest or a
 * failed refresh makes the member DOWN; its products still serve their last good snapshot.
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
            var ingest = domain.ingestStatus().orElse(null);
            if (ingest != null) {
                details.put("ingest", ingest.state());
                if (ingest.lastStoredAt() != null) {
                    details.put("ingestLastStored", ingest.lastStoredAt().toString());
                }
                if (ingest.problem() != null) {
                    details.put("ingestProblem", ingest.problem());
                }
                failed |= ingest.state().unhealthy();
            }
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
                if (!last.inputPortWarnings().isEmpty()) {
                    details.put("inputPortWarnings", last.inputPortWarnings());
                }
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
