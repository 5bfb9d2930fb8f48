package dev.meshshop.apps.node;

import dev.meshshop.platform.metabase.DashboardDefinitions;
import dev.meshshop.platform.metabase.MeshDatabase;
import dev.meshshop.platform.metabase.MetabaseClient;
import dev.meshshop.platform.metabase.MetabaseConnection;
import dev.meshshop.platform.metabase.MetabaseProvisioner;
import dev.meshshop.platform.operational.OperationalDatabases;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.MeshDomain;
import dev.meshshop.platform.starter.MeshProperties;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The one-shot that makes the mesh of separate processes ready to look at:
 *
 * <ol>
 *   <li>every domain with a simulated operational system sends the simulated company's events, unless its topics
 *       hold events already: running it again sends nothing twice;
 *   <li>it waits until every domain has published all its products (the domains' processes ingest, clean, model
 *       and publish on their own schedule);
 *   <li>it provisions Metabase: the mesh's database over the published products and the domains' dashboards,
 *       once Metabase is healthy; a stack without Metabase gets no dashboards, and says so.
 * </ol>
 *
 * A step that fails stops the process with a message that says what to look at.
 */
class Provisioning implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("mesh-shop");
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(15);

    private final List<MeshDomain> domains;
    private final MeshProperties mesh;
    private final ProvisionProperties properties;
    private final KafkaAdmin kafkaAdmin;
    private final Simulations simulations;

    Provisioning(
            List<MeshDomain> domains,
            List<DomainSimulator> simulators,
            MeshProperties mesh,
            ProvisionProperties properties,
            KafkaAdmin kafkaAdmin,
            KafkaProperties kafka,
            KafkaConnectionDetails connection,
            ObjectProvider<OperationalDatabases> operational) {
        this.domains = domains;
        this.mesh = mesh;
        this.properties = properties;
        this.kafkaAdmin = kafkaAdmin;
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", connection.getProducer().getBootstrapServers()));
        this.simulations = new Simulations(
                producer, domains, simulators, operational.getIfAvailable(), new MeshLayout(mesh.dataDir()));
    }

    @Override
    public void run(ApplicationArguments arguments) {
        fill();
        var directory = new MeshDirectory(new MeshLayout(mesh.dataDir()));
        awaitProducts(directory);
        provisionMetabase(directory);
    }

    private void fill() {
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            for (MeshDomain domain : domains) {
                if (!simulations.simulates(domain.name())) {
                    continue;
                }
                long held = simulations.recordsOn(admin, domain.name());
                if (held > 0) {
                    log.info(
                            "{}: its topics hold {} events already; the simulated year is not sent again",
                            domain.name(),
                            held);
                    continue;
                }
                var sent = simulations.run(
                        domain.name(),
                        properties.seed(),
                        properties.scale(),
                        count -> log.info("{}: {} events sent", domain.name(), count));
                if (!domain.emitsEvents()) {
                    // a domain whose data comes from outside as files only (DomainSimulator.ofFiles)
                    log.info(
                            "{}: its simulated provider delivered {} file(s) (none again into an inbox that had files)",
                            domain.name(),
                            sent.records());
                    continue;
                }
                log.info(
                        "{}: sent {} events of the simulated year (scale {}, seed {}) in {} ms",
                        domain.name(),
                        sent.records(),
                        properties.scale(),
                        properties.seed(),
                        sent.time().toMillis());
            }
        }
    }

    private void awaitProducts(MeshDirectory directory) {
        var loader = Provisioning.class.getClassLoader();
        List<ProductId> expected = domains.stream()
                .flatMap(domain -> domain.products().stream())
                .map(folder -> DataProduct.fromClasspath(folder, loader).id())
                .toList();
        long start = System.nanoTime();
        long lastReport = start;
        while (true) {
            var missing = whilePublishing(() -> expected.stream()
                    .filter(product -> directory.latest(product).isEmpty())
                    .toList());
            if (missing.isEmpty()) {
                log.info("All {} products are published", expected.size());
                return;
            }
            var waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(properties.productsTimeout()) > 0) {
                throw new IllegalStateException("After " + waited.toSeconds() + " s these products are still not"
                        + " published: " + missing + ". Their domains' logs say why (docker compose logs <domain>);"
                        + " a domain's health (/actuator/health) shows its last refresh.");
            }
            if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
                log.info("Waiting for {} of {} products to be published: {}", missing.size(), expected.size(), missing);
                lastReport = System.nanoTime();
            }
            sleep(POLL, "the products " + missing);
        }
    }

    /**
     * Waits until Metabase answers its health check. Returns false when its host name does not resolve: the stack
     * runs without Metabase (say {@code docker compose up provision}), and the dashboards are skipped.
     */
    private boolean awaitMetabase(ProvisionProperties.Metabase metabase) {
        var health = metabase.url().resolve("/api/health");
        var http = HttpClient.newBuilder().connectTimeout(POLL).build();
        long start = System.nanoTime();
        long lastReport = start;
        while (true) {
            try {
                InetAddress.getByName(metabase.url().getHost());
            } catch (UnknownHostException e) {
                log.info(
                        "No Metabase at {}: its host does not resolve, so it is not part of this stack; dashboards"
                                + " skipped",
                        metabase.url());
                return false;
            }
            String answer;
            try {
                var response = http.send(
                        HttpRequest.newBuilder(health)
                                .timeout(metabase.timeout())
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
                answer = "it answers " + response.statusCode();
            } catch (IOException e) {
                answer = "it does not answer yet (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Metabase at " + metabase.url(), e);
            }
            var waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(metabase.startTimeout()) > 0) {
                throw new IllegalStateException("Metabase at " + metabase.url() + " is not healthy after "
                        + waited.toSeconds() + " s: " + answer + ". Its log says why (docker compose logs"
                        + " metabase); mesh.provision.metabase.start-timeout waits longer.");
            }
            if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
                log.info("Waiting for Metabase at {}: {}", metabase.url(), answer);
                lastReport = System.nanoTime();
            }
            sleep(POLL, "Metabase at " + metabase.url());
        }
    }

    private static void sleep(Duration pause, String awaited) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + awaited, e);
        }
    }

    /**
     * Reads the published ports while the domains publish: listing the ports can meet a publisher's temporary file
     * that is renamed away in between (NoSuchFileException), which says nothing about the ports; read again.
     */
    private static <T> T whilePublishing(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException) || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private void provisionMetabase(MeshDirectory directory) {
        var metabase = properties.metabase();
        if (metabase.url() == null) {
            log.info("No Metabase to provision (mesh.provision.metabase.url is not set): dashboards skipped");
            return;
        }
        if (!awaitMetabase(metabase)) {
            return;
        }
        var connection = new MetabaseConnection(
                metabase.url(),
                metabase.adminEmail(),
                metabase.adminPassword(),
                metabase.apiKey(),
                metabase.timeout(),
                3,
                POLL);
        var database = whilePublishing(
                () -> MeshDatabase.over(directory, metabase.dataDir() == null ? mesh.dataDir() : metabase.dataDir()));
        var dashboards = DashboardDefinitions.onClasspath(Provisioning.class.getClassLoader());
        var report = new MetabaseProvisioner(MetabaseClient.to(connection).signIn()).provision(database, dashboards);
        log.info(
                "Metabase at {} is provisioned ({}): {} dashboards in the collection '{}', over the views {}",
                metabase.url(),
                report,
                dashboards.size(),
                MetabaseProvisioner.COLLECTION,
                database.views());
    }
}
