package dev.meshshop.apps.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.domains.checkout.CheckoutDomain;
import dev.meshshop.domains.checkout.simulator.CheckoutSimulator;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.simulation.Simulations;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest path of a domain's own process, as docker-compose.yml runs the checkout service: the application
 * with every domain on its classpath, told by {@code mesh.domains} to run checkout only, against a broker it did
 * not start. Checkout's simulated system sends a small year with planted faults; every record must be stored once,
 * in the raw zone or, if unreadable, in quarantine, and checkout's products must publish. Subclasses bring the
 * broker: embedded, or in a container.
 */
@SpringBootTest(
        classes = DomainsNode.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mesh.domains=checkout",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s",
            "mesh.personal-data-salt=checkout-node-scenario-salt"
        })
abstract class CheckoutNodeScenario {

    static final long SEED = 7;
    static final double SCALE = 0.005;

    @TempDir
    static Path dataDir;

    @Autowired
    MeshRuntime mesh;

    @Autowired
    Simulations simulations;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @Test
    void checkoutsProcessStoresEveryRecordOnceAndPublishesItsProducts() {
        assertThat(mesh.domains()).extracting(domain -> domain.domain().name()).containsExactly("checkout");
        assertThat(http.getForObject("/actuator/health/readiness", String.class))
                .contains("\"UP\"");

        var year = SimulatedShop.year(SEED, SCALE);
        var simulator = new CheckoutSimulator(year, new Faults(0.01, 0.02), 0);
        var sent = simulations.send(CheckoutDomain.NAME, simulator, count -> {});
        var delivery = simulator.truth().delivery();
        var checkout = mesh.domain(CheckoutDomain.NAME);
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> checkout.ingestRemaining(admin) == 0);
        }

        assertThat(sent.records()).isEqualTo(delivery.records());
        assertThat(delivery.malformed())
                .as("the test plants unreadable records")
                .isPositive();
        var area = checkout.area();
        assertThat(area.queryLong("SELECT count(*) FROM " + DomainArea.RAW_EVENTS))
                .isEqualTo(delivery.records() - delivery.malformed());
        assertThat(area.queryLong("SELECT count(*) FROM " + DomainArea.QUARANTINE + " WHERE stage = 'ingest'"))
                .isEqualTo(delivery.malformed());

        var report = checkout.refresh();

        assertThat(report.snapshots())
                .extracting(Snapshot::product)
                // the customer accounts' products too, empty: this process has no operational databases
                .containsExactlyInAnyOrder(
                        "checkout.orders", "checkout.order_items", "checkout.customers", "checkout.customer_history");
        assertThat(report.snapshots())
                .filteredOn(snapshot -> snapshot.product().equals("checkout.orders"))
                .singleElement()
                .extracting(Snapshot::rowCount)
                .isEqualTo((long) year.orders().size());
    }
}
