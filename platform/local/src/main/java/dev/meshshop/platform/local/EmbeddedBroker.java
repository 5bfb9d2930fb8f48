package dev.meshshop.platform.local;

import java.nio.file.Path;
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

/**
 * Starts a single-node Kafka broker in KRaft mode inside this JVM before the application context is built, with
 * its log in {@code <mesh.data-dir>/broker/} ({@link KraftBroker}), points {@code spring.kafka.bootstrap-servers}
 * at it, and stops it when the context closes. The broker listens on {@code mesh.local.kafka-port} (9092 by
 * default), so tools outside the JVM can watch the topics.
 *
 * <p>The broker is handed to the context as its first singleton, so it is destroyed last: after every consumer
 * and producer of the mesh has stopped. It runs after {@link FreshDataDirectory}, which has prepared the data
 * directory by then.
 */
final class EmbeddedBroker implements GenericApplicationListener {

    /** The folder of the data directory that holds the broker's log. */
    static final String FOLDER = "broker";

    static final String BEAN = "embeddedKafkaBroker";

    private static final Logger log = LoggerFactory.getLogger("mesh-shop");

    private KraftBroker broker;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        var type = eventType.getRawClass();
        return type != null
                && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                        || ApplicationPreparedEvent.class.isAssignableFrom(type));
    }

    @Override
    public int getOrder() {
        return FreshDataDirectory.ORDER + 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent environment) {
            start(environment);
        } else if (event instanceof ApplicationPreparedEvent prepared && broker != null) {
            var beans = (DefaultListableBeanFactory)
                    prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton(BEAN, broker);
            beans.registerDisposableBean(BEAN, broker);
        }
    }

    private void start(ApplicationEnvironmentPreparedEvent event) {
        if (!MeshShopLocal.isLauncher(event.getSpringApplication())) {
            return;
        }
        var environment = event.getEnvironment();
        int port = environment.getProperty("mesh.local.kafka-port", Integer.class, 9092);
        Path folder = FreshDataDirectory.dataDir(environment).resolve(FOLDER);
        broker = KraftBroker.start(folder, port);
        String bootstrap = broker.bootstrapServers();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("embedded-kafka", Map.of("spring.kafka.bootstrap-servers", bootstrap)));
        log.info("Embedded Kafka (KRaft) is up at {}, its log in {}", bootstrap, broker.folder());
    }
}
