package dev.meshshop.platform.starter;

import dev.meshshop.platform.ingest.DomainIngestor;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.pipelines.CleaningStage;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.InputPorts;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.Snapshot;
import dev.meshshop.platform.storage.SqlModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One domain, running: its area, its ingest, and the refresh that turns raw events into published products
 * (clean, model, publish). The platform builds one per {@link MeshDomain}.
 */
public final class DomainRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DomainRuntime.class);

    private final MeshDomain domain;
    private final DomainArea area;
    private final DomainIngestor ingestor;
    private final CleaningStage cleaning;
    private final SqlModels models;
    private final List<DataProduct> products;
    private final OutputPortPublisher publisher;
    private final MeshDirectory mesh;
    private long rawAtLastRefresh = -1;
    private volatile RefreshReport lastRefresh;
    private volatile String lastFailure;

    DomainRuntime(
            MeshDomain domain,
            DomainArea area,
            DomainIngestor ingestor,
            CleaningStage cleaning,
            SqlModels models,
            List<DataProduct> products,
            OutputPortPublisher publisher,
            MeshDirectory mesh) {
        this.domain = domain;
        this.area = area;
        this.ingestor = ingestor;
        this.cleaning = cleaning;
        this.models = models;
        this.products = products;
        this.publisher = publisher;
        this.mesh = mesh;
    }

    public MeshDomain domain() {
        return domain;
    }

    public DomainArea area() {
        return area;
    }

    public DomainIngestor ingestor() {
        return ingestor;
    }

    public List<DataProduct> products() {
        return products;
    }

    /** What one refresh did, stage by stage. */
    public record RefreshReport(
            String domain,
            CleaningReport cleaning,
            Duration modelTime,
            Duration publishTime,
            List<Snapshot> snapshots) {}

    /** The last refresh that succeeded, or null before the first. */
    public RefreshReport lastRefresh() {
        return lastRefresh;
    }

    /** Why the last refresh failed, or null when it succeeded (or none ran yet). */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * Cleans the raw zone, points the input ports at their producers' current snapshots, runs the models and
     * publishes every product. If any stage fails, the products keep their last good snapshot and the failure
     * is kept for {@link #lastFailure()}.
     */
    public synchronized RefreshReport refresh() {
        try {
            var report = refreshStages();
            lastRefresh = report;
            lastFailure = null;
            return report;
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            throw e;
        }
    }

    private RefreshReport refreshStages() {
        var cleaned = cleaning.run(area, domain.cleaning());
        var inputPorts = products.stream()
                .flatMap(product -> product.descriptor().inputPorts().stream())
                .distinct()
                .toList();
        InputPorts.attach(area, mesh, inputPorts);
        var modelTime = models.run(area);
        long publishStart = System.nanoTime();
        var snapshots = new ArrayList<Snapshot>();
        for (DataProduct product : products) {
            snapshots.addAll(publisher.publish(area, product));
        }
        rawAtLastRefresh = cleaned.input();
        var report = new RefreshReport(
                domain.name(), cleaned, modelTime, Duration.ofNanos(System.nanoTime() - publishStart), snapshots);
        log.info(
                "Refreshed {}: clean {} ms, model {} ms, publish {} ms -> {}",
                domain.name(),
                cleaned.totalTime().toMillis(),
                modelTime.toMillis(),
                report.publishTime().toMillis(),
                snapshots.stream()
                        .map(snapshot ->
                                snapshot.product() + " v" + snapshot.major() + " (" + snapshot.rowCount() + " rows)")
                        .toList());
        return report;
    }

    /** Refreshes only if events arrived since the last refresh. */
    synchronized void refreshIfChanged() {
        if (area.queryLong("SELECT count(*) FROM " + DomainArea.RAW_EVENTS) != rawAtLastRefresh) {
            refresh();
        }
    }

    @Override
    public void close() {
        ingestor.stop();
        area.close();
    }
}
