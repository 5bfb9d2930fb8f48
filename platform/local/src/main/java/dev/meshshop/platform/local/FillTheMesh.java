package dev.meshshop.platform.local;

import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.Simulations;
import dev.meshshop.platform.storage.MeshLayout;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Once the application is up, fills the mesh with a simulated company: every domain's simulator sends its
 * events, ingest catches up, every domain cleans, models and publishes. Progress goes to the console; the
 * catalog answers from the first second and lists products as they are published.
 */
@Component
class FillTheMesh {

    private static final Logger log = LoggerFactory.getLogger("mesh-shop");

    /** Where the fill is; the console and tests read it. */
    enum State {
        WAITING,
        SIMULATING,
        INGESTING,
        PUBLISHING,
        READY,
        FAILED
    }

    private final MeshRuntime mesh;
    private final Simulations simulations;
    private final KafkaAdmin kafkaAdmin;
    private final LocalProperties properties;
    private final MeshLayout layout;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);

    FillTheMesh(
            MeshRuntime mesh,
            Simulations simulations,
            KafkaAdmin kafkaAdmin,
            LocalProperties properties,
            MeshLayout layout) {
        this.mesh = mesh;
        this.simulations = simulations;
        this.kafkaAdmin = kafkaAdmin;
        this.properties = properties;
        this.layout = layout;
    }

    State state() {
        return state.get();
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : 8080;
        var thread = new Thread(() -> fill("http://localhost:" + port), "mesh-fill");
        thread.setDaemon(true);
        thread.start();
    }

    private void fill(String baseUrl) {
        long start = System.nanoTime();
        try {
            log.info(
                    "Catalog is up at {}/api/products; filling the mesh (scale {}, seed {})",
                    baseUrl,
                    properties.scale(),
                    properties.seed());
            state.set(State.SIMULATING);
            for (DomainRuntime domain : mesh.domains()) {
                if (domain.domain().simulator().isPresent()) {
                    var sent = simulations.run(
                            domain.domain(),
                            properties.seed(),
                            properties.scale(),
                            count -> log.info(
                                    "  {}: {} events sent", domain.domain().name(), count));
                    log.info(
                            "  {}: {} events sent in {} ms ({} events/s)",
                            sent.domain(),
                            sent.records(),
                            sent.time().toMillis(),
                            Math.round(sent.recordsPerSecond()));
                }
            }
            state.set(State.INGESTING);
            try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
                for (DomainRuntime domain : mesh.domains()) {
                    awaitIngest(domain, admin);
                }
            }
            state.set(State.PUBLISHING);
            for (DomainRuntime domain : mesh.domains()) {
                var report = domain.refresh();
                var cleaning = report.cleaning();
                if (!domain.domain().emitsEvents()) {
                    log.info(
                            "  {}: modelled its input ports {} in {} ms, published in {} ms",
                            domain.domain().name(),
                            domain.inputPorts().stream()
                                    .map(port -> port.product())
                                    .toList(),
                            report.modelTime().toMillis(),
                            report.publishTime().toMillis());
                    continue;
                }
                log.info(
                        "  {}: cleaned {} raw events in {} ms ({} clean rows, {} quarantined {}), modelled in {} ms,"
                                + " published in {} ms",
                        domain.domain().name(),
                        cleaning.input(),
                        cleaning.totalTime().toMillis(),
                        cleaning.clean(),
                        cleaning.quarantined(),
                        cleaning.quarantinedByRule(),
                        report.modelTime().toMillis(),
                        report.publishTime().toMillis());
            }
            state.set(State.READY);
            log.info(
                    """

                    Mesh Shop is ready ({} s). Try:
                      curl {}/api/products                   the data products in the catalog
                      curl {}/api/products/checkout.orders   one product: descriptor, contract, latest snapshot
                      curl {}/actuator/metrics/mesh.ingest.records?tag=outcome:quarantined
                    Published Parquet files are under {}
                    Stop with Ctrl-C.
                    """,
                    Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                    baseUrl,
                    baseUrl,
                    baseUrl,
                    layout.meshDir());
        } catch (RuntimeException e) {
            state.set(State.FAILED);
            log.error("Filling the mesh failed: {}", e.getMessage(), e);
        }
    }

    private static void awaitIngest(DomainRuntime domain, Admin admin) {
        long remaining;
        long lastReport = 0;
        while ((remaining = domain.ingestRemaining(admin)) > 0) {
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                log.info("  {}: {} events left to ingest", domain.domain().name(), remaining);
                lastReport = System.nanoTime();
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "Interrupted while waiting for ingest of "
                                + domain.domain().name(),
                        e);
            }
        }
        log.info("  {}: ingest caught up", domain.domain().name());
    }
}
