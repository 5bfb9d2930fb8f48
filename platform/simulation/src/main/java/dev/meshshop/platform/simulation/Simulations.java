package dev.meshshop.platform.simulation;

import dev.meshshop.platform.starter.MeshDomain;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Runs domains' simulators against Kafka: the operational systems of the simulated company. */
public final class Simulations {

    private final Map<String, Object> producerConfig;
    private final Map<String, EventSimulator> systems;

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
        this.producerConfig = oneRequestInFlight(producerConfig);
        this.systems = bySimulatedDomain(domains, simulators);
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
            if (!domain.emitsEvents()) {
                throw new IllegalArgumentException("Domain " + domain.name()
                        + " has a simulator but declares no event types: declare the events it sends");
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
     * Sends every record the domain's simulator emits for {@code seed} and {@code scale}, and waits until
     * Kafka acknowledged all of them. {@code progress} is told the count every 100,000 records.
     */
    public Sent run(String domain, long seed, double scale, LongConsumer progress) {
        var simulator = simulator(domain)
                .orElseThrow(() -> new IllegalArgumentException("Domain " + domain + " has no simulator"));
        return send(domain, simulator.records(seed, scale), progress);
    }

    /** A producer with the simulations' settings, for a caller that sends for a long time; the caller closes it. */
    Producer<String, byte[]> producer() {
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
