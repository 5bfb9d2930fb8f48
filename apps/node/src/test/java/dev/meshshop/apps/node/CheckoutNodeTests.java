package dev.meshshop.apps.node;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * {@link CheckoutNodeScenario} on an embedded KRaft broker, the twin of {@link CheckoutNodeIT}. The broker's
 * address reaches the application as {@code @ServiceConnection} hands over a container's: as connection details,
 * while {@code spring.kafka.bootstrap-servers} still points elsewhere.
 */
@EmbeddedKafka(kraft = true, bootstrapServersProperty = "test.embedded-kafka.brokers")
@Import(CheckoutNodeTests.BrokerAsServiceConnection.class)
class CheckoutNodeTests extends CheckoutNodeScenario {

    @TestConfiguration
    static class BrokerAsServiceConnection {

        @Bean
        KafkaConnectionDetails kafkaConnectionDetails(@Value("${test.embedded-kafka.brokers}") String brokers) {
            return () -> List.of(brokers.split(","));
        }
    }
}
