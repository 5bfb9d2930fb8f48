package dev.meshshop.platform.local;

import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.LiveTrading;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.SimulatedFill;
import dev.meshshop.platform.starter.Simulations;
import dev.meshshop.platform.storage.MeshLayout;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Once the application is up, fills the mesh with a simulated company ({@link SimulatedFill}): every domain's
 * simulator sends its events, and each domain cleans, models and publishes as soon as its events are ingested. Progress goes to the console; the
 * catalog answers from the first second and lists products as they are published.
 */
@Component
class FillTheMesh {

    private static final Logger log = LoggerFactory.getLogger("mesh-shop");

    /** Where the fill is; the console and tests read it. */
    enum State {
        WAITING,
        FILLING,
        READY,
        FAILED
    }

    private final MeshRuntime mesh;
    private final Simulations simulations;
    private final KafkaAdmin kafkaAdmin;
    private final LocalProperties properties;
    private final MeshLayout layout;
    private final LiveTrading live;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);

    FillTheMesh(
            MeshRuntime mesh,
            Simulations simulations,
            KafkaAdmin kafkaAdmin,
            LocalProperties properties,
            MeshLayout layout,
            LiveTrading live) {
        this.mesh = mesh;
        this.simulations = simulations;
        this.kafkaAdmin = kafkaAdmin;
        this.properties = properties;
        this.layout = layout;
        this.live = live;
    }

    State state() {
        return state.get();
    }

    /** Waits until the fill is READY or FAILED, at most {@code timeout}, and says which (or where it got to). */
    State awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var now = state.get();
            if (now == State.READY || now == State.FAILED) {
                return now;
            }
            Thread.sleep(100);
        }
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
        try {
            log.info(
                    "Catalog is up at {}/api/products; filling the mesh (scale {}, seed {})",
                    baseUrl,
                    properties.scale(),
                    properties.seed());
            state.set(State.FILLING);
            var fill = new SimulatedFill(mesh, simulations, kafkaAdmin.getConfigurationProperties())
                    .run(properties.seed(), properties.scale(), new ConsoleProgress());
            state.set(State.READY);
            log.info(
                    """

                    Mesh Shop is ready ({} s): {} events, {} products published. Try:
                      open {}/                                the catalog: the mesh, its products, access
                      curl {}/api/products                   the data products in the catalog
                      curl {}/api/products/checkout.orders   one product: descriptor, contract, latest snapshot
                      curl -H 'X-Mesh-Identity: payment' -H 'Content-Type: application/json' \\
                           -d '{"sql":"SELECT status, count(*) FROM checkout.orders GROUP BY ALL"}' {}/api/query
                                                              SQL as payment, over what payment was granted
                    Published Parquet files are under {}
                    Stop with Ctrl-C.
                    """,
                    fill.time().toSeconds(),
                    fill.events(),
                    fill.products(),
                    baseUrl,
                    baseUrl,
                    baseUrl,
                    baseUrl,
                    layout.meshDir());
            if (properties.liveRate() > 0) {
                live.start(properties.seed(), properties.scale(), properties.liveRate());
                log.info(
                        "Live: the company trades on at {} events/s; the mesh's clock runs on from the end of the"
                                + " year",
                        properties.liveRate());
            }
        } catch (RuntimeException e) {
            state.set(State.FAILED);
            log.error("Filling the mesh failed: {}", e.getMessage(), e);
        }
    }

    /** Tells the console how the fill goes, domain by domain. */
    private static final class ConsoleProgress implements SimulatedFill.Progress {

        @Override
        public void sending(String domain, long sent) {
            log.info("  {}: {} events sent", domain, sent);
        }

        @Override
        public void sent(Simulations.Sent sent) {
            log.info(
                    "  {}: {} events sent in {} ms ({} events/s)",
                    sent.domain(),
                    sent.records(),
                    sent.time().toMillis(),
                    Math.round(sent.recordsPerSecond()));
        }

        @Override
        public void ingesting(String domain, long remaining) {
            log.info("  {}: {} events left to ingest", domain, remaining);
        }

        @Override
        public void refreshed(DomainRuntime.RefreshReport report) {
            var cleaning = report.cleaning();
            var products = report.snapshots().stream()
                    .map(snapshot -> snapshot.product() + " (" + snapshot.rowCount() + " rows)")
                    .toList();
            if (cleaning.input() == 0) {
                log.info(
                        "  {}: modelled its input ports in {} ms, published {} in {} ms",
                        report.domain(),
                        report.modelTime().toMillis(),
                        products,
                        report.publishTime().toMillis());
                return;
            }
            log.info(
                    "  {}: cleaned {} raw events in {} ms ({} clean rows, {} quarantined {}), modelled in {} ms,"
                            + " published {} in {} ms",
                    report.domain(),
                    cleaning.input(),
                    cleaning.totalTime().toMillis(),
                    cleaning.clean(),
                    cleaning.quarantined(),
                    cleaning.quarantinedByRule(),
                    report.modelTime().toMillis(),
                    products,
                    report.publishTime().toMillis());
        }
    }
}
