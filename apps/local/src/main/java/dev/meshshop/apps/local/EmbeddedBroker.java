package dev.meshshop.apps.local;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.MapPropertySource;

/**
 * Before the application context is built, locks and prepares the data directory ({@link FreshDataDirectory}: kept,
 * or emptied with {@code mesh.local.fresh=true}), then starts a single-node Kafka broker in KRaft mode inside this
 * JVM with its log in {@code <mesh.data-dir>/broker/} ({@link KraftBroker}), and points
 * {@code spring.kafka.bootstrap-servers} at it. The broker listens on {@code mesh.local.kafka-port} (9092 by
 * default), so tools outside the JVM can watch the topics.
 *
 * <p>The broker is handed to the context as its first singleton, so it is destroyed last: after every consumer
 * and producer of the mesh has stopped. The data directory's lock is released after it.
 */
final class EmbeddedBroker implements GenericApplicationListener {

    /** The folder of the data directory that holds the broker's log. */
    static final String FOLDER = "broker";

    static final String BEAN = "embeddedKafkaBroker";

    private static final Logger log = LoggerFactory.getLogger("mesh-shop");

    private Running running;

    /** The broker and the lock on its data directory, released in that order. */
    private record Running(KraftBroker broker, Closeable lock) implements DisposableBean {

        @Override
        public void destroy() throws IOException {
            try {
                broker.destroy();
            } finally {
                lock.close();
            }
        }
    }

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
        } else if (event instanceof ApplicationPreparedEvent prepared && running != null) {
            var beans = (DefaultListableBeanFactory)
                    prepared.getApplicationContext().getBeanFactory();
            beans.registerSingleton(BEAN, running.broker());
            beans.registerDisposableBean(BEAN, running);
        }
    }

    private void start(ApplicationEnvironmentPreparedEvent event) {
        if (!MeshShopLocal.isLauncher(event.getSpringApplication())) {
            return;
        }
        var environment = event.getEnvironment();
        int port = environment.getProperty("mesh.local.kafka-port", Integer.class, 9092);
        Path dataDir = FreshDataDirectory.dataDir(environment);
        var lock = FreshDataDirectory.open(
                dataDir,
                FreshDataDirectory.fresh(
                        environment, event.getSpringApplication().getAllSources()));
        KraftBroker broker;
        try {
            broker = KraftBroker.start(dataDir.resolve(FOLDER), port);
        } catch (RuntimeException e) {
            try {
                lock.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        running = new Running(broker, lock);
        String bootstrap = broker.bootstrapServers();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("embedded-kafka", Map.of("spring.kafka.bootstrap-servers", bootstrap)));
        log.info("Embedded Kafka (KRaft) is up at {}, its log in {}", bootstrap, broker.folder());
    }
}
