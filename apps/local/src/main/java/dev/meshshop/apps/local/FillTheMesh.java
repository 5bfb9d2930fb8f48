package dev.meshshop.apps.local;

import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.simulation.LiveTrading;
import dev.meshshop.platform.simulation.SimulatedFill;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>The fill is done once per data directory: it is recorded in {@code <data-dir>/fill.json} ({@link FillRecord}) as
 * it goes, and a restart on a directory that was filled continues with what it holds instead of sending the company
 * again. A fill stopped while it was sending is not resumed: the mesh says so and asks for
 * {@code --mesh.local.fresh=true}.
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
            var previous = FillRecord.read(layout.dataDir());
            if (previous.isPresent()) {
                continueWith(previous.get(), baseUrl);
                return;
            }
            log.info(
                    "Catalog is up at {}/api/products; filling the mesh (scale {}, seed {})",
                    baseUrl,
                    properties.scale(),
                    properties.seed());
            state.set(State.FILLING);
            var simulating = simulating();
            var record = FillRecord.sending(properties.seed(), properties.scale(), simulating, Instant.now())
                    .write(layout.dataDir());
            var progress =
                    new ConsoleProgress(simulating.size(), () -> record.sent().write(layout.dataDir()));
            var fill = new SimulatedFill(mesh, simulations, kafkaAdmin.getConfigurationProperties())
                    .run(properties.seed(), properties.scale(), progress);
            record.done(fill.events(), Instant.now()).write(layout.dataDir());
            if (fill.products() == 0) {
                throw new IllegalStateException("No domain published a product: " + fill.failures());
            }
            state.set(State.READY);
            fill.failures()
                    .forEach((domain, reason) -> log.warn(
                            "{} kept its last products (none, after a first fill): {}. The other domains are"
                                    + " published; its health (/actuator/health) shows the failure until a refresh"
                                    + " succeeds.",
                            domain,
                            reason));
            ready(
                    "Mesh Shop is ready (" + fill.time().toSeconds() + " s): " + fill.events() + " events, "
                            + fill.products() + " products published"
                            + (fill.failures().isEmpty()
                                    ? "."
                                    : "; " + fill.failures().keySet() + " could not publish (see above)."),
                    baseUrl);
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

    /**
     * A restart on a data directory that was filled before: the fill is not run again, so no event is sent twice.
     * The domains' ingest resumes after the last offset each stored, and the products, grants and history are those
     * the directory holds. A fill stopped while sending cannot be resumed: the broker holds part of the company, and
     * sending it again would ingest that part twice.
     */
    private void continueWith(FillRecord previous, String baseUrl) {
        if (!previous.allSent()) {
            state.set(State.FAILED);
            log.error(
                    "The simulated fill of {} (seed {}, scale {}) was stopped on {} while its events were being sent:"
                            + " part of the company is on the broker, part is not, and sending it again would ingest"
                            + " the first part twice. Start with --{}=true to fill the mesh anew.",
                    layout.dataDir(),
                    previous.seed(),
                    previous.scale(),
                    previous.started(),
                    FreshDataDirectory.FRESH);
            return;
        }
        if (!previous.sameCompany(properties.seed(), properties.scale())) {
            log.warn(
                    "{} holds the company of seed {} at scale {}: --mesh.local.seed={} --mesh.local.scale={} are not"
                            + " applied to a mesh that was filled before. Start with --{}=true to fill it anew.",
                    layout.dataDir(),
                    previous.seed(),
                    previous.scale(),
                    properties.seed(),
                    properties.scale(),
                    FreshDataDirectory.FRESH);
        }
        var added = new ArrayList<>(simulating());
        added.removeAll(previous.domains());
        if (!added.isEmpty()) {
            log.warn(
                    "{} joined the mesh after it was filled: their simulated events are not sent, so that no other"
                            + " domain's are sent twice. Start with --{}=true to fill the whole mesh anew, {} included.",
                    added,
                    FreshDataDirectory.FRESH,
                    added);
        }
        state.set(State.READY);
        if (properties.liveRate() > 0) {
            // live business follows from the seed and the end of the year: after a restart it would repeat what
            // was traded before the stop, which deduplication would drop, so the products would not grow
            log.warn(
                    "Live trading (--mesh.local.live-rate={}) starts only after a fill: the live business of a"
                            + " restarted mesh would repeat what it traded before the stop. Start with --{}=true to"
                            + " fill anew and trade live.",
                    properties.liveRate(),
                    FreshDataDirectory.FRESH);
        }
        ready(
                "Mesh Shop was already filled with the company of seed " + previous.seed() + " at scale "
                        + previous.scale() + " (started " + previous.started() + "); continuing where it stopped:"
                        + " ingest resumes after what it stored, products, grants and history are kept.",
                baseUrl);
    }

    /** The domains whose simulated systems the fill runs. */
    private List<String> simulating() {
        return mesh.domains().stream()
                .map(domain -> domain.domain().name())
                .filter(simulations::simulates)
                .toList();
    }

    private void ready(String headline, String baseUrl) {
        Path secrets = layout.dataDir().resolve(MeshIdentities.FILE);
        log.info(
                """

                {} Try:
                  open {}/                                the catalog: log in as a domain's member (user payment,
                                                          its password in {})
                  TOKEN=$(curl -s -u payment-client:$(sed -n 's/^client.payment-client=//p' {}) \
                       -d grant_type=client_credentials {}/oauth2/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                                                          a token of payment's client, valid 30 minutes
                  curl -H "Authorization: Bearer $TOKEN" {}/api/products
                                                          the data products in the catalog
                  curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
                       -d '{"sql":"SELECT status, count(*) FROM checkout.orders GROUP BY ALL"}' {}/api/query
                                                          SQL as payment, over what payment was granted
                Published Parquet files are under {}
                Stop with Ctrl-C; start again to continue, with --{}=true to start from nothing.
                """,
                headline,
                baseUrl,
                secrets,
                secrets,
                baseUrl,
                baseUrl,
                baseUrl,
                layout.meshDir(),
                FreshDataDirectory.FRESH);
    }

    /** Tells the console how the fill goes, domain by domain. */
    private static final class ConsoleProgress implements SimulatedFill.Progress {

        private final AtomicLong waitingToSend;
        private final Runnable allSent;

        /** @param allSent what to do once the broker acknowledged every event of {@code simulating} domains */
        ConsoleProgress(long simulating, Runnable allSent) {
            this.waitingToSend = new AtomicLong(simulating);
            this.allSent = allSent;
        }

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
            if (waitingToSend.decrementAndGet() == 0) {
                allSent.run();
            }
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
