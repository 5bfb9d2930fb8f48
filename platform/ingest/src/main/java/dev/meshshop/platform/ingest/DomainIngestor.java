package dev.meshshop.platform.ingest;

import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
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
 * <p>No single record can stop ingest: records that are not readable domain events are quarantined with the
 * reason by the raw zone's check, and a record the raw zone refuses all the same is found by splitting its batch
 * and quarantined alone (see {@link RawZone#append}). Only a failure of the area itself (its disk is full, say)
 * makes a batch fail; it is then retried with back-off until it can be stored, so a record is never skipped, and
 * ingest reports itself {@link IngestStatus.State#FAILING failing} in its status, its metrics and the log.
 *
 * <p>The lag is measured from the broker: every {@link IngestOptions#lagInterval()} ingest asks it for the end
 * offsets of the domain's topics and compares them with what the raw zone and quarantine hold. Records waiting
 * while nothing is stored for {@link IngestOptions#stallAfter()} make ingest {@link IngestStatus.State#STALLED
 * stalled}.
 */
public final class DomainIngestor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DomainIngestor.class);
    private static final Duration MAX_BROKER_TIMEOUT = Duration.ofSeconds(10);

    private final String domain;
    private final RawZone rawZone;
    private final List<String> topics;
    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final IngestOptions options;
    private final Clock clock;
    private final Duration brokerTimeout;
    private final KafkaMessageListenerContainer<String, byte[]> container;
    private final MeterRegistry registry;
    private final Counter ingested;
    private final Counter quarantined;
    private final Counter redelivered;
    private final Counter failures;

    private volatile long lag = -1;
    private volatile Instant lagMeasuredAt;
    private volatile Instant lastStoredAt;
    private volatile Instant progressSince;
    private volatile String failure;
    private volatile String brokerProblem;
    private volatile boolean running;
    private final Object reporting = new Object();
    private IngestStatus.State reported = IngestStatus.State.STOPPED;
    private ScheduledExecutorService probe;
    private Consumer<String, byte[]> lagConsumer;

    public DomainIngestor(
            String domain,
            RawZone rawZone,
            Collection<EventType<?>> eventTypes,
            ConsumerFactory<String, byte[]> consumerFactory,
            MeterRegistry registry) {
        this(domain, rawZone, eventTypes, consumerFactory, registry, IngestOptions.DEFAULTS);
    }

    public DomainIngestor(
            String domain,
            RawZone rawZone,
            Collection<EventType<?>> eventTypes,
            ConsumerFactory<String, byte[]> consumerFactory,
            MeterRegistry registry,
            IngestOptions options) {
        this.domain = domain;
        this.rawZone = rawZone;
        this.consumerFactory = consumerFactory;
        this.options = options;
        this.clock = Clock.systemUTC();
        // the broker must answer well within the time after which ingest counts as stalled
        this.brokerTimeout =
                options.stallAfter().compareTo(MAX_BROKER_TIMEOUT) < 0 ? options.stallAfter() : MAX_BROKER_TIMEOUT;
        this.topics =
                eventTypes.stream().map(EventType::topic).distinct().sorted().toList();
        var properties = new ContainerProperties(topics.toArray(String[]::new));
        properties.setGroupId("mesh-ingest-" + domain);
        properties.setClientId("mesh-ingest-" + domain);
        properties.setMessageListener(new Listener());
        this.container = new KafkaMessageListenerContainer<>(consumerFactory, properties);
        // Only a failing area makes a batch fail (one bad record is quarantined instead): wait for it, skip nothing.
        var retryForever = new ExponentialBackOff(200, 2.0);
        retryForever.setMaxInterval(10_000);
        this.container.setCommonErrorHandler(new DefaultErrorHandler(retryForever));
        this.registry = registry;
        this.ingested = counter(registry, "ingested");
        this.quarantined = counter(registry, "quarantined");
        this.redelivered = counter(registry, "redelivered");
        this.failures = Counter.builder("mesh.ingest.failures")
                .description("Batches the raw zone failed to store; each is retried until it is stored")
                .tag("domain", domain)
                .register(registry);
        Gauge.builder("mesh.ingest.lag", this, ingestor -> ingestor.lag < 0 ? Double.NaN : ingestor.lag)
                .description("Records on the domain's topics, by the broker's end offsets, that ingest has not"
                        + " stored yet")
                .tag("domain", domain)
                .register(registry);
        Gauge.builder(
                        "mesh.ingest.stuck",
                        this,
                        ingestor -> ingestor.status().state().unhealthy() ? 1 : 0)
                .description("1 while ingest is failing, stalled or cannot reach the broker, else 0")
                .tag("domain", domain)
                .register(registry);
    }

    /** Types by topic, as ingest checks them. */
    public static Map<String, java.util.Set<String>> typesByTopic(Collection<EventType<?>> eventTypes) {
        return eventTypes.stream()
                .collect(Collectors.groupingBy(
                        EventType::topic, Collectors.mapping(EventType::name, Collectors.toUnmodifiableSet())));
    }

    /** The counter of records quarantined by {@code rule}, registered the first time a record breaks it. */
    private Counter quarantinedBy(String rule) {
        return Counter.builder("mesh.ingest.quarantined")
                .description("Kafka records ingest set aside in quarantine, by the rule they broke")
                .tag("domain", domain)
                .tag("reason", rule)
                .register(registry);
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

    /**
     * Records on the domain's topics that ingest has not stored yet, as the broker last said (every
     * {@link IngestOptions#lagInterval()}); -1 until it first answered.
     */
    public long lag() {
        return lag;
    }

    /** How ingest is doing now. */
    public IngestStatus status() {
        var now = clock.instant();
        long waiting = lag;
        IngestStatus.State state;
        String problem = null;
        if (!running) {
            state = IngestStatus.State.STOPPED;
        } else if (failure != null) {
            state = IngestStatus.State.FAILING;
            problem = failure;
        } else if (brokerProblem != null) {
            state = IngestStatus.State.BROKER_UNREACHABLE;
            problem = brokerProblem;
        } else if (waiting == 0) {
            state = IngestStatus.State.CAUGHT_UP;
        } else if (waiting > 0
                && progressSince != null
                && Duration.between(progressSince, now).compareTo(options.stallAfter()) > 0) {
            state = IngestStatus.State.STALLED;
            problem = "stored nothing for "
                    + Duration.between(progressSince, now).toSeconds()
                    + " s while the broker holds " + waiting + " records it has not stored (mesh.ingest.stall-after"
                    + " is " + options.stallAfter().toSeconds() + " s); its consumer or the area's writes may hang";
        } else {
            state = IngestStatus.State.CATCHING_UP;
        }
        return new IngestStatus(state, waiting, lagMeasuredAt, lastStoredAt, problem);
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
    public synchronized void start() {
        if (running) {
            return;
        }
        log.info("Ingesting {} into the raw zone of {}", topics, domain);
        progressSince = clock.instant();
        running = true;
        container.start();
        probe = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "mesh-ingest-lag-" + domain);
            thread.setDaemon(true);
            return thread;
        });
        long interval = options.lagInterval().toMillis();
        probe.scheduleWithFixedDelay(this::measureLag, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        container.stop();
        probe.shutdownNow();
        try {
            probe.awaitTermination(brokerTimeout.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeLagConsumer();
        report();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Asks the broker for the end offsets of the domain's topics; runs on the probe's thread only. */
    private void measureLag() {
        try {
            if (lagConsumer == null) {
                lagConsumer = consumerFactory.createConsumer(null, "mesh-ingest-lag-" + domain, null);
            }
            var partitions = new ArrayList<TopicPartition>();
            for (String topic : topics) {
                lagConsumer
                        .partitionsFor(topic, brokerTimeout)
                        .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            var ends = lagConsumer.endOffsets(partitions, brokerTimeout);
            var stored = rawZone.storedOffsets();
            long waiting = ends.entrySet().stream()
                    .mapToLong(end -> Math.max(0, end.getValue() - stored.getOrDefault(end.getKey(), -1L) - 1))
                    .sum();
            lag = waiting;
            lagMeasuredAt = clock.instant();
            brokerProblem = null;
            if (waiting == 0) {
                progressSince = lagMeasuredAt;
            }
        } catch (KafkaException | IllegalStateException e) {
            brokerProblem = "cannot read the end offsets of " + topics + " from the broker: " + e.getMessage();
            closeLagConsumer();
        } catch (RuntimeException e) {
            log.error("Measuring the ingest lag of {} failed", domain, e);
            brokerProblem = "measuring the lag failed: " + e;
            closeLagConsumer();
        }
        report();
    }

    private void closeLagConsumer() {
        if (lagConsumer != null) {
            try {
                lagConsumer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                log.debug("Closing the lag consumer of {} failed", domain, e);
            }
            lagConsumer = null;
        }
    }

    /** Logs when ingest becomes unhealthy, and when it recovers. */
    private void report() {
        synchronized (reporting) {
            var status = status();
            var previous = reported;
            reported = status.state();
            if (status.state().unhealthy() && (previous != status.state())) {
                log.error("Ingest of {} is {}: {}", domain, status.state(), status.problem());
            } else if (previous.unhealthy() && status.state() == IngestStatus.State.STOPPED) {
                log.warn("Ingest of {} stopped while {}", domain, previous);
            } else if (previous.unhealthy() && !status.state().unhealthy()) {
                log.info(
                        "Ingest of {} recovered from {}: now {}, lag {}",
                        domain,
                        previous,
                        status.state(),
                        status.lag());
            }
        }
    }

    private final class Listener implements BatchConsumerAwareMessageListener<String, byte[]>, ConsumerSeekAware {

        private int failedAttempts;

        @Override
        public void onMessage(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
            RawZone.Appended appended;
            try {
                appended = rawZone.append(records);
            } catch (RuntimeException e) {
                failures.increment();
                failedAttempts++;
                failure = "storing a batch of " + records.size() + " records failed " + failedAttempts
                        + " times in a row, retrying with back-off: " + EventCodec.abbreviate(e.getMessage(), 300);
                if (failedAttempts == 1) {
                    log.error("Ingest of {}: {}", domain, failure, e);
                } else {
                    log.warn("Ingest of {}: {}", domain, failure);
                }
                report();
                throw e;
            }
            ingested.increment(appended.ingested());
            quarantined.increment(appended.quarantined());
            appended.quarantinedByRule()
                    .forEach((rule, count) -> quarantinedBy(rule).increment(count));
            redelivered.increment(appended.alreadyStored());
            if (appended.ingested() + appended.quarantined() > 0) {
                lastStoredAt = clock.instant();
                progressSince = lastStoredAt;
            }
            if (failure != null) {
                failedAttempts = 0;
                failure = null;
                report();
            }
        }

        @Override
        public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
            assignments.keySet().forEach(partition -> rawZone.storedOffset(partition)
                    .ifPresent(offset -> callback.seek(partition.topic(), partition.partition(), offset + 1)));
        }
    }
}
