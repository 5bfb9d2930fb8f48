package dev.meshshop.platform.local;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts a single-node Kafka broker in KRaft mode inside this JVM before the application context is built,
 * points {@code spring.kafka.bootstrap-servers} at it, and stops it when the context closes. The broker listens
 * on {@code mesh.local.kafka-port} (9092 by default), so tools outside the JVM can watch the topics.
 *
 * <p>The broker is handed to the context as its first singleton, so it is destroyed last: after every consumer
 * and producer of the mesh has stopped.
 */
final class EmbeddedBroker implements GenericApplicationListener {

    private static final Logger log = LoggerFactory.getLogger("mesh-shop");

    private EmbeddedKafkaKraftBroker broker;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        var type = eventType.getRawClass();
        return type != null
                && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                        || ApplicationPreparedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent environment) {
            start(environment);
        } else if (event instanceof ApplicationPreparedEvent prepared && broker != null) {
            var beans = (DefaultListableBeanFactory)
                    prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton("embeddedKafkaBroker", broker);
            beans.registerDisposableBean("embeddedKafkaBroker", broker);
        }
    }

    private void start(ApplicationEnvironmentPreparedEvent event) {
        if (!MeshShopLocal.isLauncher(event.getSpringApplication())) {
            return;
        }
        var environment = event.getEnvironment();
        int port = environment.getProperty("mesh.local.kafka-port", Integer.class, 9092);
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "listeners",
                "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0",
                "auto.create.topics.enable",
                "false"));
        try {
            broker.afterPropertiesSet();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot start the embedded Kafka broker on port " + port
                            + ". Is another Kafka running there? Start with --mesh.local.kafka-port=<a free port>.",
                    e);
        }
        String bootstrap = broker.getBrokersAsString();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("embedded-kafka", Map.of("spring.kafka.bootstrap-servers", bootstrap)));
        log.info("Embedded Kafka (KRaft) is up at {}", bootstrap);
    }
}
