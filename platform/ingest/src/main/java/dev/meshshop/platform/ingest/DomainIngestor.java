package dev.meshshop.platform.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.BatchConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Moves one domain's events from Kafka into its raw zone, at least once, and reports how far behind it is.
 *
 * <p>A batch that cannot be stored (the disk is full, say) is retried with back-off until it can: a record is
 * never skipped. Records that are not readable domain events are stored in quarantine with the reason,
 * never dropped and never allowed to stop the consumer.
 */
public final class DomainIngestor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DomainIngestor.class);

    private final String domain;
    private final RawZone rawZone;
    private final List<String> topics;
    private final KafkaMessageListenerContainer<String, byte[]> container;
    private final AtomicLong lag = new AtomicLong();
    private final Counter ingested;
    private final Counter quarantined;
    private final Counter redelivered;

    public DomainIngestor(
            String domain,
            RawZone rawZone,
            Collection<EventType<?>> eventTypes,
            ConsumerFactory<String, byte[]> consumerFactory,
            MeterRegistry registry) {
        this.domain = domain;
        this.rawZone = rawZone;
        this.topics =
                eventTypes.stream().map(EventType::topic).distinct().sorted().toList();
        var properties = new ContainerProperties(topics.toArray(String[]::new));
        properties.setGroupId("mesh-ingest-" + domain);
        properties.setClientId("mesh-ingest-" + domain);
        properties.setMessageListener(new Listener());
        this.container = new KafkaMessageListenerContainer<>(consumerFactory, properties);
        var retryForever = new ExponentialBackOff(200, 2.0);
        retryForever.setMaxInterval(10_000);
        this.container.setCommonErrorHandler(new DefaultErrorHandler(retryForever));
        this.ingested = counter(registry, "ingested");
        this.quarantined = counter(registry, "quarantined");
        this.redelivered = counter(registry, "redelivered");
        Gauge.builder("mesh.ingest.lag", lag, AtomicLong::get)
                .description("Records on the domain's topics that ingest has not stored yet")
                .tag("domain", domain)
                .register(registry);
    }

    /** Types by topic, as ingest checks them. */
    public static Map<String, java.util.Set<String>> typesByTopic(Collection<EventType<?>> eventTypes) {
        return eventTypes.stream()
                .collect(Collectors.groupingBy(
                        EventType::topic, Collectors.mapping(EventType::name, Collectors.toUnmodifiableSet())));
    }

    private Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("mesh.ingest.records")
                .description("Kafka records handled by ingest, by outcome")
                .tag("domain", domain)
                .tag("outcome", outcome)
                .register(registry);
    }

    public String domain() {
        return domain;
    }

    /** The consumer's lag as of its last fetch, summed over the domain's partitions. */
    public long lag() {
        return lag.get();
    }

    /**
     * How many records on the domain's topics are not stored yet, asked of the broker now. Zero means ingest
     * has caught up with everything produced so far.
     */
    public long remaining(Admin admin) {
        try {
            var partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .flatMap(topic ->
                            topic.partitions().stream().map(info -> new TopicPartition(topic.name(), info.partition())))
                    .toList();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get();
            var stored = rawZone.storedOffsets();
            return ends.entrySet().stream()
                    .mapToLong(end -> end.getValue().offset() - stored.getOrDefault(end.getKey(), -1L) - 1)
                    .sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka for the end offsets of " + topics, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot read the end offsets of " + topics + " from Kafka: "
                            + e.getCause().getMessage(),
                    e);
        }
    }

    @Override
    public void start() {
        log.info("Ingesting {} into the raw zone of {}", topics, domain);
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    private final class Listener implements BatchConsumerAwareMessageListener<String, byte[]>, ConsumerSeekAware {

        @Override
        public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
            var appended = rawZone.append(records);
            ingested.increment(appended.ingested());
            quarantined.increment(appended.quarantined());
            redelivered.increment(appended.alreadyStored());
            lag.set(consumer.assignment().stream()
                    .mapToLong(partition -> consumer.currentLag(partition).orElse(0))
                    .sum());
        }

        @Override
        public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
            assignments.keySet().forEach(partition -> rawZone.storedOffset(partition)
                    .ifPresent(offset -> callback.seek(partition.topic(), partition.partition(), offset + 1)));
        }
    }
}
