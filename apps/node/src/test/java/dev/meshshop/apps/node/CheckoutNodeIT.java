package dev.meshshop.apps.node;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * {@link CheckoutNodeScenario} on Kafka in a container, the image docker-compose.yml runs (pinned in .env). Its
 * twin without Docker is {@link CheckoutNodeTests}.
 */
@Testcontainers(disabledWithoutDocker = true)
class CheckoutNodeIT extends CheckoutNodeScenario {

    @Container
    @ServiceConnection
    static final KafkaContainer kafka =
            new KafkaContainer(DockerImages.prepared(ComposeProject.ROOT.env().get("KAFKA_IMAGE")));
}
