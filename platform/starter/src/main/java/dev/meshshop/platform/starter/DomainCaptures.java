package dev.meshshop.platform.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.operational.ChangeCapture;
import dev.meshshop.platform.operational.EntityChangeEvents;
import dev.meshshop.platform.operational.KafkaEntityChangeSink;
import dev.meshshop.platform.operational.OperationalDatabases;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the change data capture of the {@link CapturedSystem}s of the domains this process runs: each captured
 * system's tables, read from its domain's operational database with Debezium ({@link ChangeCapture}), onto the
 * domain's topic as entity events. A capture waits for its tables, which the system creates, and keeps its position
 * in {@code <data-dir>/domains/<domain>/capture/<name>.offsets}, so a restart goes on where it stopped. A change it
 * cannot read is put on the topic as it is, with the reason, where ingest quarantines it.
 */
public final class DomainCaptures implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DomainCaptures.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TABLES_POLL = Duration.ofMillis(500);
    static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(30);

    private final Map<String, CapturedSystem> systems = new LinkedHashMap<>();
    private final OperationalDatabases databases;
    private final MeshLayout layout;
    private final Map<String, Object> producerConfig;
    private final Map<String, ChangeCapture> running = new ConcurrentHashMap<>();
    private final Map<String, Thread> starting = new ConcurrentHashMap<>();
    private Producer<String, byte[]> producer;
    private volatile boolean open;

    /** @param systems the captured systems of the domains this process runs */
    public DomainCaptures(
            List<CapturedSystem> systems,
            OperationalDatabases databases,
            MeshLayout layout,
            Map<String, Object> producerConfig) {
        for (CapturedSystem system : systems) {
            if (this.systems.put(system.name(), system) != null) {
                throw new IllegalArgumentException(
                        "Two captured systems are named " + system.name() + ": name each capture once in the mesh");
            }
        }
        this.databases = databases;
        this.layout = layout;
        this.producerConfig = Map.copyOf(producerConfig);
    }

    @Override
    public synchronized void start() {
        if (open) {
            return;
        }
        open = true;
        producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        systems.keySet().forEach(this::start);
    }

    /** Starts capturing {@code name} in the background, as soon as its tables exist; nothing if it runs already. */
    public synchronized void start(String name) {
        var system = system(name);
        if (!open || running.containsKey(name) || starting.containsKey(name)) {
            return;
        }
        var thread = new Thread(() -> startWhenTablesExist(system), "change-capture-start-" + name);
        thread.setDaemon(true);
        starting.put(name, thread);
        thread.start();
    }

    /** Stops capturing {@code name}; what it has not handed on comes at its next start. */
    public synchronized void stop(String name) {
        system(name);
        var thread = starting.remove(name);
        if (thread != null) {
            thread.interrupt();
        }
        var capture = running.remove(name);
        if (capture != null) {
            capture.close();
        }
    }

    /** Waits until the capture {@code name} streams from its database's log. */
    public void awaitStreaming(String name, Duration timeout) {
        var system = system(name);
        ChangeCapture.awaitStreaming(databases.database(system.domain()), name, timeout);
    }

    private CapturedSystem system(String name) {
        var system = systems.get(name);
        if (system == null) {
            throw new IllegalArgumentException(
                    "This process captures no system named " + name + "; it captures " + systems.keySet());
        }
        return system;
    }

    private void startWhenTablesExist(CapturedSystem system) {
        try {
            DataSource database = databases.database(system.domain());
            boolean said = false;
            while (!tablesExist(database, system)) {
                if (!said) {
                    log.info(
                            "Capturing {} of {} waits for its tables {}, which the system creates",
                            system.name(),
                            system.domain(),
                            system.tables());
                    said = true;
                }
                Thread.sleep(TABLES_POLL.toMillis());
            }
            var settings = new ChangeCapture.Settings(
                    system.name(),
                    databases.server(),
                    system.domain(),
                    system.tables(),
                    system.timeColumn(),
                    layout.captureOffsets(system.domain(), system.name()));
            var sink = new KafkaEntityChangeSink(
                    producer, system.type(), new EntityChangeEvents(new EventCodec()), ACKNOWLEDGED_WITHIN);
            synchronized (this) {
                if (starting.remove(system.name()) == null || !open) {
                    return;
                }
                running.put(
                        system.name(),
                        ChangeCapture.start(
                                settings, database, sink, (event, reason) -> refuse(system, event, reason)));
            }
            log.info(
                    "Capturing the changes of {} {} into {}",
                    system.name(),
                    system.tables(),
                    system.type().topic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            starting.remove(system.name());
            log.error("Capturing {} of {} could not start: {}", system.name(), system.domain(), e.getMessage(), e);
        }
    }

    private static boolean tablesExist(DataSource database, CapturedSystem system) {
        try (var connection = database.getConnection();
                var tables = connection.prepareStatement(
                        "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY (?)")) {
            tables.setArray(1, connection.createArrayOf("text", system.tables().toArray()));
            try (var rows = tables.executeQuery()) {
                return rows.next() && rows.getLong(1) == system.tables().size();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(
                    "Capturing " + system.name() + " cannot read the tables of database " + system.domain() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** A change that cannot be read goes to the topic as it came, with the reason: ingest quarantines it there. */
    private void refuse(CapturedSystem system, String event, String reason) throws Exception {
        log.warn("Capturing {}: a change set aside for quarantine: {}", system.name(), reason);
        var refused = JSON.createObjectNode();
        refused.put("refusedBy", "change capture " + system.name());
        refused.put("reason", reason);
        refused.put("change", event);
        producer.send(new ProducerRecord<>(
                        system.type().topic(),
                        "refused/" + system.name(),
                        JSON.writeValueAsString(refused).getBytes(StandardCharsets.UTF_8)))
                .get(ACKNOWLEDGED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (!open) {
            return;
        }
        open = false;
        List.copyOf(systems.keySet()).forEach(this::stop);
        producer.close(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return open;
    }

    @Override
    public void close() {
        stop();
    }
}
