package dev.meshshop.platform.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.starter.MeshDomain;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulationsTests {

    record ThingHappened(String thingId) {}

    static final MeshDomain SHOP = new MeshDomain(
            "shop",
            "shop-team",
            List.of(new EventType<>("shop.thing-happened.v1", "ThingHappened", 1, ThingHappened.class)),
            plan -> {},
            List.of(),
            List.of());

    static final MeshDomain REPORTS = MeshDomain.withoutEvents("reports", "reports-team", List.of(), List.of());

    static final EventSimulator NOTHING = (seed, scale) -> Collections.emptyIterator();

    /** A system that delivers one file a year to the export reports. */
    static final FileSimulator ONE_FILE = new FileSimulator() {
        @Override
        public String export() {
            return "reports";
        }

        @Override
        public long deliver(ShopYear year, Path inbox) throws IOException {
            Files.writeString(inbox.resolve("report-" + year.seed() + ".csv"), "a\n");
            return 1;
        }
    };

    @Test
    void aSimulationKeepsOneRequestInFlightWhateverItsSettingsSay() {
        var asked = Map.<String, Object>of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5, ProducerConfig.LINGER_MS_CONFIG, 5);

        var used = Simulations.oneRequestInFlight(asked);

        assertThat(used)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    @Test
    void aDomainDeclaredWithASimulatorIsSimulated() {
        var simulations =
                new Simulations(Map.of(), List.of(SHOP, REPORTS), List.of(new DomainSimulator("shop", NOTHING)));

        assertThat(simulations.simulates("shop")).isTrue();
        assertThat(simulations.simulator("shop")).containsSame(NOTHING);
        assertThat(simulations.simulates("reports")).isFalse();
        assertThatThrownBy(() -> simulations.run("reports", 42, 0.01, count -> {}))
                .hasMessage("Domain reports has no simulator");
    }

    @Test
    void aSystemDeliversItsFilesIntoTheDomainsInboxOnceAndNotAgainIntoAnInboxThatHadFiles(@TempDir Path dataDir) {
        var files = ONE_FILE;
        var layout = new MeshLayout(dataDir);
        var simulations = new Simulations(
                Map.of(), List.of(SHOP), List.of(new DomainSimulator("shop", NOTHING).withFiles(files)), null, layout);
        var year = SimulatedShop.year(7, 0.001);

        assertThat(simulations.deliverFiles("shop", files, year)).isOne();
        assertThat(layout.inbox("shop", "reports").resolve("report-7.csv")).exists();
        assertThat(simulations.deliverFiles("shop", files, year))
                .as("an inbox that has had files")
                .isZero();

        var withoutDataDir = new Simulations(Map.of(), List.of(SHOP), List.of(new DomainSimulator("shop", NOTHING)));
        assertThat(withoutDataDir.deliverFiles("shop", files, year)).isZero();
    }

    @Test
    void aSimulatorOfADomainWithoutEventsIsRefused() {
        assertThatThrownBy(() -> new Simulations(
                        Map.of(), List.of(SHOP, REPORTS), List.of(new DomainSimulator("reports", NOTHING))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Domain reports has a simulator but declares no event types: declare the events it sends,"
                        + " or declare its simulator with DomainSimulator.ofFiles when it only receives files");
    }

    @Test
    void aDomainWithoutEventsWhoseDataComesAsFilesIsSimulatedAndSendsNothing(@TempDir Path dataDir) {
        var layout = new MeshLayout(dataDir);
        // no producer settings at all: a simulation that tried to send would fail
        var simulations = new Simulations(
                Map.of(), List.of(SHOP, REPORTS), List.of(DomainSimulator.ofFiles("reports", ONE_FILE)), null, layout);

        var sent = simulations.run("reports", 7, 0.001, count -> {});

        assertThat(sent.records()).as("the one file delivered, no events").isOne();
        assertThat(layout.inbox("reports", "reports").resolve("report-7.csv")).exists();
        assertThat(simulations.simulator("reports")).containsSame(EventSimulator.NONE);
        assertThat(EventSimulator.NONE.live(SimulatedShop.year(7, 0.001))).isEmpty();
    }

    @Test
    void aSimulatorOfADomainTheApplicationDoesNotHaveIsRefused() {
        assertThatThrownBy(() ->
                        new Simulations(Map.of(), List.of(SHOP), List.of(new DomainSimulator("payment", NOTHING))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A simulator is declared for domain payment, but this application has no such domain;"
                        + " it has [shop]");
    }

    @Test
    void aDomainHasOneSimulator() {
        assertThatThrownBy(() -> new Simulations(
                        Map.of(),
                        List.of(SHOP),
                        List.of(new DomainSimulator("shop", NOTHING), new DomainSimulator("shop", NOTHING))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Domain shop has two simulators: declare one DomainSimulator a domain");
    }
}
