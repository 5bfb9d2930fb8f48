package dev.meshshop.platform.simulation;

import dev.meshshop.platform.operational.OperationalAutoConfiguration;
import dev.meshshop.platform.operational.OperationalDatabases;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshClock;
import dev.meshshop.platform.starter.MeshDomain;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;

/**
 * The simulated company as a user of the platform: runs the domains' simulated systems ({@link DomainSimulator}
 * beans) against the mesh the platform's auto-configuration set up. The platform knows nothing of it
 * (docs/adr/0020). It sends to Kafka, so an application without Kafka (the node's catalog and query roles) has no
 * simulation.
 */
@AutoConfiguration(
        after = {KafkaAutoConfiguration.class, MeshAutoConfiguration.class, OperationalAutoConfiguration.class})
@ConditionalOnBean(KafkaProperties.class)
public class SimulationAutoConfiguration {

    /** The domains' simulated systems, each checked against its domain, sending with the producer settings below. */
    @Bean
    Simulations simulations(
            KafkaProperties kafka,
            ObjectProvider<KafkaConnectionDetails> connection,
            ObjectProvider<MeshDomain> domains,
            ObjectProvider<DomainSimulator> simulators,
            ObjectProvider<OperationalDatabases> operational,
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        // a service connection such as a Testcontainers broker names the broker instead of spring.kafka.*
        connection.ifAvailable(details -> config.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", details.getProducer().getBootstrapServers())));
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new Simulations(
                config,
                domains.orderedStream().toList(),
                simulators.orderedStream().toList(),
                operational.getIfAvailable(),
                new MeshLayout(dataDir));
    }

    /**
     * The simulated company trading on after its year, when the launcher or a benchmark starts it; wherever this
     * application runs domains (a process that only provisions runs none).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnBean(MeshRuntime.class)
    LiveTrading liveTrading(MeshRuntime mesh, Simulations simulations, MeshClock clock) {
        return new LiveTrading(mesh, simulations, clock);
    }
}
