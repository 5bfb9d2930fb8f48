package dev.meshshop.apps.local;

import dev.meshshop.platform.storage.Folders;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.springframework.beans.factory.DisposableBean;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one server) running in this JVM, whose log
 * lives in a folder of the data directory: topics, their records and the consumer groups' committed offsets
 * survive a restart. On the first start the folder is formatted with a new cluster id, which Kafka keeps in the
 * folder's {@code meta.properties}; later starts open what is there.
 *
 * <p>The broker keeps every record (no retention limit): the embedded mesh's history is kept until it is started
 * with {@code --mesh.local.fresh=true}. Topics are never created automatically.
 */
final class KraftBroker implements DisposableBean {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";
    private static final String EXTERNAL = "EXTERNAL";

    private final Path folder;
    private final int port;
    private final KafkaRaftServer server;

    private KraftBroker(Path folder, int port, KafkaRaftServer server) {
        this.folder = folder;
        this.port = port;
        this.server = server;
    }

    /**
     * Starts the broker on {@code port} (0: a free one) with its log in {@code folder}, formatting the folder first
     * when it is new or empty.
     *
     * @throws IllegalStateException naming the port when it is taken, naming the folder when its data cannot be
     *     opened
     */
    static KraftBroker start(Path folder, int port) {
        folder = folder.toAbsolutePath().normalize();
        int brokerPort = port == 0 ? freePort() : port;
        if (!isFree(brokerPort)) {
            throw portTaken(brokerPort, null);
        }
        int controllerPort = freePort();
        var properties = properties(folder, brokerPort, controllerPort);
        createOwnerOnly(folder);
        if (!Files.exists(folder.resolve("meta.properties"))) {
            if (!isEmpty(folder)) {
                throw new IllegalStateException(cannotOpen(
                        folder, "it holds files but no meta.properties, so it is not a formatted Kafka log"));
            }
            format(folder);
        }
        KafkaRaftServer server = null;
        try {
            server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            server.startup();
            return new KraftBroker(folder, brokerPort, server);
        } catch (RuntimeException e) {
            if (server != null) {
                stop(server);
            }
            if (causedBy(e, BindException.class)) {
                throw portTaken(brokerPort, e);
            }
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("Failed to acquire lock")) {
                throw new IllegalStateException(
                        "The embedded Kafka broker's log in " + folder + " is in use by another process: another"
                                + " Mesh Shop runs on this data directory. Stop it, or start with"
                                + " --mesh.data-dir=<another folder>.",
                        e);
            }
            throw new IllegalStateException(cannotOpen(folder, reason), e);
        }
    }

    /** Where clients connect: {@code localhost:<port>}. */
    String bootstrapServers() {
        return "localhost:" + port;
    }

    Path folder() {
        return folder;
    }

    /** Stops the broker and waits until it has flushed and closed its log. */
    @Override
    public void destroy() {
        stop(server);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties properties(Path folder, int brokerPort, int controllerPort) {
        var properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        properties.put("controller.listener.names", CONTROLLER);
        properties.put(
                "listeners",
                EXTERNAL + "://localhost:" + brokerPort + "," + CONTROLLER + "://localhost:" + controllerPort);
        properties.put("advertised.listeners", EXTERNAL + "://localhost:" + brokerPort);
        properties.put("inter.broker.listener.name", EXTERNAL);
        properties.put("listener.security.protocol.map", EXTERNAL + ":PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        properties.put("log.dirs", folder.toString());
        properties.put("auto.create.topics.enable", "false");
        // one node: nothing to replicate, and few partitions for the broker's own topics
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("transaction.state.log.num.partitions", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // the mesh's history stays until --mesh.local.fresh=true
        properties.put("log.retention.ms", "-1");
        return properties;
    }

    private static void format(Path folder) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(folder.toString())
                    .addDirectory(folder.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException(cannotOpen(folder, "formatting it failed: " + e.getMessage()), e);
        }
    }

    private static String cannotOpen(Path folder, String reason) {
        return "The embedded Kafka broker cannot open its log in " + folder + ": " + reason
                + ". Start with --mesh.local.fresh=true to begin from nothing (this empties the data directory).";
    }

    private static IllegalStateException portTaken(int port, Exception cause) {
        return new IllegalStateException(
                "The embedded Kafka broker cannot listen on port " + port
                        + ". Is another Kafka running there? Start with --mesh.local.kafka-port=<a free port>.",
                cause);
    }

    private static void createOwnerOnly(Path folder) {
        try {
            // the log holds every event as sent, personal data included: readable by the mesh's user only
            Folders.createPrivateDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded Kafka broker's folder " + folder, e);
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the embedded Kafka broker's folder " + folder, e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause) || String.valueOf(cause.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFree(int port) {
        try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port for the embedded Kafka broker", e);
        }
    }
}
