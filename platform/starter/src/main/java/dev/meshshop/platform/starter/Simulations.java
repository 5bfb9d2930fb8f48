package dev.meshshop.platform.starter;

import dev.meshshop.platform.simulation.SimulatedRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
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

    /**
     * @param producerConfig the Kafka producer settings; each run opens its own producer and closes it. One request
     *     per connection is in flight, whatever they say (see {@link #oneRequestInFlight}).
     */
    public Simulations(Map<String, Object> producerConfig) {
        this.producerConfig = oneRequestInFlight(producerConfig);
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
    public Sent run(MeshDomain domain, long seed, double scale, LongConsumer progress) {
        var simulator = domain.simulator()
                .orElseThrow(() -> new IllegalArgumentException("Domain " + domain.name() + " has no simulator"));
        return send(domain.name(), simulator.records(seed, scale), progress);
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
