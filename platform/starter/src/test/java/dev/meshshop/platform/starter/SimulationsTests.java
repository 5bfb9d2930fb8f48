package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class SimulationsTests {

    @Test
    void aSimulationKeepsOneRequestInFlightWhateverItsSettingsSay() {
        var asked = Map.<String, Object>of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5, ProducerConfig.LINGER_MS_CONFIG, 5);

        var used = Simulations.oneRequestInFlight(asked);

        assertThat(used)
                .containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    }
}
