package dev.meshshop.platform.simulation;

import dev.meshshop.platform.operational.OperationalDatabases;
import dev.meshshop.platform.starter.MeshDomain;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs domains' simulators against Kafka: the operational systems of the simulated company. */
public final class Simulations {

    private static final Logger log = LoggerFactory.getLogger(Simulations.class);

    private final Map<String, Object> producerConfig;
    private final Map<String, EventSimulator> systems;
    private final Map<String, DatabaseSimulator> databaseSystems;
    private final Map<String, FileSimulator> fileSystems;
    private final OperationalDatabases operational;
    private final MeshLayout layout;
    private final Map<String, List<String>> topics;

    /**
     * @param producerConfig the Kafka producer settings; each run opens its own producer and closes it. One request
     *     per connection is in flight, whatever they say (see {@link #oneRequestInFlight}).
     * @param domains the application's domains
     * @param simulators their simulated systems, each checked against its domain ({@link #bySimulatedDomain})
     */
    public Simulations(
            Map<String, Object> producerConfig,
            Collection<MeshDomain> domains,
            Collection<DomainSimulator> simulators) {
        this(producerConfig, domains, simulators, null);
    }

    /**
     * @param operational the operational databases that systems keeping entities in a database use; null where the
     *     mesh has none, and then those systems send only their events
     */
    public Simulations(
            Map<String, Object> producerConfig,
            Collection<MeshDomain> domains,
            Collection<DomainSimulator> simulators,
            OperationalDatabases operational) {
        this(producerConfig, domains, simulators, operational, null);
    }

    /**
     * @param layout where the mesh keeps its data, and so the domains' inboxes that systems delivering files write
     *     to; null where this process delivers no files, and then those systems send only their events
     */
    public Simulations(
            Map<String, Object> producerConfig,
            Collection<MeshDomain> domains,
            Collection<DomainSimulator> simulators,
            OperationalDatabases operational,
            MeshLayout layout) {
        this.producerConfig = oneRequestInFlight(producerConfig);
        this.layout = layout;
        var fileSystems = new LinkedHashMap<String, FileSimulator>();
        simulators.forEach(
                simulator -> simulator.files().ifPresent(files -> fileSystems.put(simulator.domain(), files)));
        this.fileSystems = Map.copyOf(fileSystems);
        this.systems = bySimulatedDomain(domains, simulators);
        var databaseSystems = new LinkedHashMap<String, DatabaseSimulator>();
        simulators.forEach(
                simulator -> simulator.database().ifPresent(system -> databaseSystems.put(simulator.domain(), system)));
        this.databaseSystems = Map.copyOf(databaseSystems);
        this.operational = operational;
        var topics = new HashMap<String, List<String>>();
        domains.forEach(domain -> topics.put(
                domain.name(),
                domain.eventTypes().stream()
                        .map(type -> type.topic())
                        .distinct()
                        .toList()));
        this.topics = Map.copyOf(topics);
    }

    /**
     * The simulated systems by the name of their domain. Fails on a simulator of a domain the application does not
     * have, of a domain that declares no events for it to send, or on a second simulator of a domain.
     */
    static Map<String, EventSimulator> bySimulatedDomain(
            Collection<MeshDomain> domains, Collection<DomainSimulator> simulators) {
        var byName = new LinkedHashMap<String, MeshDomain>();
        domains.forEach(domain -> byName.put(domain.name(), domain));
        var systems = new LinkedHashMap<String, EventSimulator>();
        for (DomainSimulator simulator : simulators) {
            var domain = byName.get(simulator.domain());
            if (domain == null) {
                throw new IllegalArgumentException("A simulator is declared for domain " + simulator.domain()
                        + ", but this application has no such domain; it has " + byName.keySet());
            }
            if (!domain.emitsEvents() && simulator.system() != EventSimulator.NONE) {
                throw new IllegalArgumentException("Domain " + domain.name()
                        + " has a simulator but declares no event types: declare the events it sends, or declare its"
                        + " simulator with DomainSimulator.ofFiles when it only receives files");
            }
            if (systems.put(domain.name(), simulator.system()) != null) {
                throw new IllegalArgumentException(
                        "Domain " + domain.name() + " has two simulators: declare one DomainSimulator a domain");
            }
        }
        return Map.copyOf(systems);
    }

    /** Whether {@code domain} has a simulated system. */
    public boolean simulates(String domain) {
        return systems.containsKey(domain);
    }

    /** The simulated system of {@code domain}, if it has one. */
    public Optional<EventSimulator> simulator(String domain) {
        return Optional.ofNullable(systems.get(domain));
    }

    /**
     * A simulation sends to topics the mesh has just created. While a new partition's leader is still being
     * installed on the broker, the first batch to it can fail and be retried while the next batch, already in
     * flight, is accepted: a broker that has not seen a producer on a partition takes any sequence number. The retried
     * first batch is then out of order for good, and the run fails after the delivery timeout with its events half
     * sent. With one request in flight the second batch waits for the first, and on a broker in the same JVM the
     * throughput is the same.
     */
    static Map<String, Object> oneRequestInFlight(Map<String, Object> producerConfig) {
        var config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return Map.copyOf(config);
    }

    /** What a simulation sent. */
    public record Sent(String domain, long records, Duration time) {

        public double recordsPerSecond() {
            return records / Math.max(time.toNanos() / 1e9, 1e-9);
        }
    }

    /**
     * Runs the part of the domain's system that keeps entities in its operational database, if it has one, until
     * its changes left the system; then sends every record the domain's simulator emits for {@code seed} and
     * {@code scale}, and waits until Kafka acknowledged all of them. {@code progress} is told the count every 100,000
     * records.
     *
     * <p>The database goes first because its writes take a while and send nothing: its changes then reach the
     * broker right before the events, in one burst, so a domain that refreshes a moment after new records arrive
     * (docker compose) sees both in the same refresh.
     */
    public Sent run(String domain, long seed, double scale, LongConsumer progress) {
        var simulator = simulator(domain)
                .orElseThrow(() -> new IllegalArgumentException("Domain " + domain + " has no simulator"));
        long start = System.nanoTime();
        long changes = 0;
        var database = databaseSystems.get(domain);
        if (database != null && operational == null) {
            log.warn(
                    "{}'s operational system keeps entities in a database, and this mesh has no operational databases"
                            + " (mesh.operational.mode=none): only its events are sent, its entity products stay"
                            + " empty. Set mesh.operational.mode to embedded or external to run it.",
                    domain);
        } else if (database != null) {
            changes = runOnDatabase(domain, database, SimulatedShop.year(seed, scale))
                    .records();
        }
        var files = fileSystems.get(domain);
        if (files != null) {
            changes += deliverFiles(domain, files, SimulatedShop.year(seed, scale));
        }
        var events = simulator == EventSimulator.NONE
                ? new Sent(domain, 0, Duration.ZERO)
                : send(domain, simulator.records(seed, scale), progress);
        return new Sent(domain, changes + events.records(), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Delivers the files of {@code system}, a system of {@code domain} that delivers files, for {@code year} into
     * the domain's inbox of its export; nothing when that inbox has had files before (a mesh filled already).
     *
     * @return how many files it delivered
     */
    public long deliverFiles(String domain, FileSimulator system, ShopYear year) {
        if (layout == null) {
            log.warn(
                    "{}'s system delivers files, and this process knows no data directory to deliver them to: only"
                            + " its events are sent",
                    domain);
            return 0;
        }
        Path inbox = layout.inbox(domain, system.export());
        try {
            if (Files.isDirectory(inbox)) {
                try (var entries = Files.list(inbox)) {
                    if (entries.findAny().isPresent()) {
                        log.info(
                                "The inbox of {}'s export {} has had files already: none delivered again",
                                domain,
                                system.export());
                        return 0;
                    }
                }
            }
            Files.createDirectories(inbox);
            long delivered = system.deliver(year, inbox);
            log.info("{}'s system delivered {} file(s) of export {} to {}", domain, delivered, system.export(), inbox);
            return delivered;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The system of " + domain + " could not deliver its files of export " + system.export() + " to "
                            + inbox + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Runs {@code system}, a system of {@code domain} that keeps entities in its operational database, on
     * {@code year}, and returns once the changes it relays itself were acknowledged by the broker.
     */
    public Sent runOnDatabase(String domain, DatabaseSimulator system, ShopYear year) {
        if (operational == null) {
            throw new IllegalStateException("The system of " + domain + " keeps entities in a database, and this mesh"
                    + " has no operational databases: set mesh.operational.mode to embedded or external");
        }
        long start = System.nanoTime();
        try (Producer<String, byte[]> producer = producer();
                Admin admin = Admin.create(adminConfig())) {
            long before = system.captured() ? recordsOn(admin, domain) : 0;
            long changes = system.run(year, operational.database(domain), producer);
            if (system.captured()) {
                awaitCaptured(admin, domain, before + changes);
            }
            return new Sent(domain, changes, Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "The operational system of " + domain + " failed on its database: " + e.getMessage(), e);
        }
    }

    /** How long the capture of a system may hand on nothing at all before the simulation gives up. */
    static final Duration CAPTURE_STALL_LIMIT = Duration.ofMinutes(2);

    /** Waits until the domain's topics hold {@code records}: the capture handed on what the system changed. */
    private void awaitCaptured(Admin admin, String domain, long records) {
        long held = recordsOn(admin, domain);
        long progressedAt = System.nanoTime();
        while (held < records) {
            if (System.nanoTime() - progressedAt > CAPTURE_STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("The changes of " + domain + "'s captured system did not reach its"
                        + " topics: " + (records - held) + " missing after " + CAPTURE_STALL_LIMIT.toSeconds()
                        + " s without progress. Its change capture runs in the process that runs " + domain
                        + " (with mesh.operational.mode set): see its log");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the capture of " + domain, e);
            }
            long now = recordsOn(admin, domain);
            if (now > held) {
                progressedAt = System.nanoTime();
            }
            held = now;
        }
    }

    /**
     * How many records the domain's topics have ever received, over all their partitions. Fails, saying what to
     * do, when a topic does not exist: the domain's own process creates its topics when it starts.
     */
    public long recordsOn(Admin admin, String domain) {
        var names = topics.getOrDefault(domain, List.of());
        if (names.isEmpty()) {
            return 0;
        }
        try {
            var described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            var latest = new HashMap<TopicPartition, OffsetSpec>();
            described.values().forEach(topic -> topic.partitions()
                    .forEach(partition ->
                            latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(offsets -> offsets.offset())
                    .sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("A topic of " + domain + " " + names + " does not exist."
                        + " The domain's own process creates its topics when it starts: start it first (docker"
                        + " compose does, through depends_on).");
            }
            throw new IllegalStateException("Cannot read the topics of " + domain + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s about the topics of " + domain, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the topics of " + domain, e);
        }
    }

    private Map<String, Object> adminConfig() {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** A producer with the simulations' settings, for a caller that sends for a long time; the caller closes it. */
    public Producer<String, byte[]> producer() {
        return new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends {@code records} on behalf of {@code domain} and waits until Kafka acknowledged all of them. */
    public Sent send(String domain, Iterator<SimulatedRecord> records, LongConsumer progress) {
        var failure = new AtomicReference<Exception>();
        long start = System.nanoTime();
        long sent = 0;
        try (Producer<String, byte[]> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            while (records.hasNext() && failure.get() == null) {
                var record = records.next();
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                if (++sent % 100_000 == 0) {
                    progress.accept(sent);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "Kafka refused events of " + domain + ": " + failure.get().getMessage(), failure.get());
        }
        return new Sent(domain, sent, Duration.ofNanos(System.nanoTime() - start));
    }
}
