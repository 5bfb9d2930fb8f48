package dev.meshshop.platform.starter;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.GovernanceGate;
import dev.meshshop.governance.Policies;
import dev.meshshop.platform.access.AccessAutoConfiguration;
import dev.meshshop.platform.access.AccessProperties;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.ingest.DomainIngestor;
import dev.meshshop.platform.ingest.FileExport;
import dev.meshshop.platform.ingest.FileInbox;
import dev.meshshop.platform.ingest.RawZone;
import dev.meshshop.platform.operational.OperationalAutoConfiguration;
import dev.meshshop.platform.operational.OperationalDatabases;
import dev.meshshop.platform.pipelines.CleaningRunner;
import dev.meshshop.platform.pipelines.CleaningStage;
import dev.meshshop.platform.pipelines.PersonalDataSalt;
import dev.meshshop.platform.storage.ContractGate;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.SqlModels;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaConnectionDetails;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Makes a Spring Boot application a mesh member: for every {@link MeshDomain} bean it creates the domain's
 * topics, area, ingest, cleaning, models and output-port publishing. A domain module adds only its
 * {@code MeshDomain}; everything else is configuration ({@link MeshProperties}, {@code spring.kafka.*}).
 */
@AutoConfiguration(
        after = {KafkaAutoConfiguration.class, AccessAutoConfiguration.class, OperationalAutoConfiguration.class})
@EnableConfigurationProperties({MeshProperties.class, IngestProperties.class})
public class MeshAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MeshLayout meshLayout(MeshProperties properties) {
        return new MeshLayout(properties.dataDir());
    }

    /** What the mesh serves right now, for whatever in the application reads published products. */
    @Bean
    @ConditionalOnMissingBean
    MeshDirectory meshDirectory(MeshLayout layout) {
        return new MeshDirectory(layout);
    }

    @Bean
    @ConditionalOnBean(MeshDomain.class)
    KafkaAdmin.NewTopics meshTopics(List<MeshDomain> domains, MeshProperties properties) {
        return new KafkaAdmin.NewTopics(running(domains, properties).stream()
                .flatMap(domain -> domain.eventTypes().stream())
                .map(type -> type.topic())
                .distinct()
                .map(topic -> TopicBuilder.name(topic)
                        .partitions(properties.topicPartitions())
                        .replicas(1)
                        .build())
                .toArray(NewTopic[]::new));
    }

    /**
     * The mesh's "now": {@code mesh.as-of} when it is set (a simulated company's end of year), running on from
     * there once live trading starts; else the wall clock.
     */
    @Bean
    @ConditionalOnMissingBean
    MeshClock meshClock(MeshProperties properties) {
        return new MeshClock(properties.asOf());
    }

    /**
     * Every output port's contract is tested on the staged data before it is published; freshness is judged as of
     * the mesh's clock.
     */
    @Bean
    ContractGate contractGate(MeshClock clock) {
        return new ContractGate(clock);
    }

    /**
     * Every product must comply with the governance guild's blocking policies to be published; the policies
     * see each domain's SQL models and topics, the contract a port was last published under, and the grants of the
     * mesh's access requests.
     */
    @Bean
    GovernanceGate governanceGate(MeshLayout layout, ObjectProvider<MeshDomain> domains, AccessRequests access) {
        var loader = MeshAutoConfiguration.class.getClassLoader();
        return new GovernanceGate(
                Policies.standard(),
                new MeshDirectory(layout),
                name -> domains.orderedStream()
                        .filter(domain -> domain.name().equals(name))
                        .findFirst()
                        .map(domain -> DomainSources.fromClasspath(
                                domain.models(),
                                domain.eventTypes().stream()
                                        .map(type -> type.topic())
                                        .toList(),
                                loader))
                        .orElse(DomainSources.NONE),
                access);
    }

    @Bean
    @ConditionalOnMissingBean
    OutputPortPublisher outputPortPublisher(
            MeshLayout layout, MeshProperties properties, ObjectProvider<PublishGate> gates, MeshMetrics metrics) {
        return new OutputPortPublisher(
                layout, Clock.systemUTC(), gates.orderedStream().toList(), properties.snapshotsKept(), metrics);
    }

    /**
     * The meters of cleaning, publishing and queries, in the application's registry when it has one (Actuator's),
     * so that {@code /actuator/prometheus} serves them; every query recorded in the usage audit counts.
     */
    @Bean
    @ConditionalOnMissingBean
    MeshMetrics meshMetrics(ObjectProvider<MeterRegistry> registry, ObjectProvider<UsageLog> usage) {
        var metrics = new MeshMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
        usage.ifAvailable(log -> log.onRecord(metrics::queried));
        return metrics;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnBean(MeshDomain.class)
    MeshRuntime meshRuntime(
            List<MeshDomain> domains,
            MeshLayout layout,
            MeshProperties properties,
            IngestProperties ingest,
            OutputPortPublisher publisher,
            KafkaProperties kafka,
            ObjectProvider<KafkaConnectionDetails> connection,
            ObjectProvider<MeterRegistry> registry,
            AccessRequests access,
            AccessProperties accessProperties,
            MeshMetrics metrics,
            MeshClock clock,
            ObjectProvider<FileExport> fileExports) {
        var meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        var exports = fileExports.orderedStream().toList();
        checkFileExports(exports, domains);
        var ingestOptions = ingest.options();
        var cleaning = new CleaningStage(
                layout,
                CleaningRunner.parse(properties.runner()),
                PersonalDataSalt.configuredOrKept(properties.personalDataSalt(), layout));
        var runtimes = running(domains, properties).stream()
                .map(domain -> {
                    var area = DomainArea.open(layout, domain.name());
                    DomainIngestor ingestor = null;
                    if (domain.emitsEvents()) {
                        var rawZone = new RawZone(
                                area,
                                DomainIngestor.typesByTopic(domain.eventTypes()),
                                ingestOptions,
                                Clock.systemUTC());
                        ingestor = new DomainIngestor(
                                domain.name(),
                                rawZone,
                                domain.eventTypes(),
                                consumers(kafka, connection),
                                meters,
                                ingestOptions);
                    }
                    var loader = MeshAutoConfiguration.class.getClassLoader();
                    var inboxes = exports.stream()
                            .filter(export -> export.domain().equals(domain.name()))
                            .map(export -> new FileInbox(
                                    area, export, layout.inbox(domain.name(), export.name()), Clock.systemUTC()))
                            .toList();
                    return new DomainRuntime(
                            domain,
                            area,
                            ingestor,
                            cleaning,
                            SqlModels.fromClasspath(domain.models(), loader),
                            domain.products().stream()
                                    .map(folder -> DataProduct.fromClasspath(folder, loader))
                                    .toList(),
                            publisher,
                            new MeshDirectory(layout),
                            access,
                            metrics,
                            clock,
                            inboxes);
                })
                .toList();
        runtimes.forEach(runtime -> runtime.products().forEach(product -> access.declare(product.descriptor())));
        runtimes.forEach(runtime -> declareInputPorts(runtime, access, accessProperties.approveDeclaredInputPorts()));
        return new MeshRuntime(
                runtimes,
                properties.refreshInterval(),
                new RefreshTrigger(properties.refreshDebounce(), properties.refreshBatchCap()));
    }

    /** Fails on a file export of a domain the application does not have, or two exports of one name in a domain. */
    static void checkFileExports(List<FileExport> exports, List<MeshDomain> domains) {
        var names = domains.stream().map(MeshDomain::name).toList();
        var seen = new java.util.HashSet<String>();
        for (FileExport export : exports) {
            if (!names.contains(export.domain())) {
                throw new IllegalArgumentException("File export " + export.name() + " is declared for domain "
                        + export.domain() + ", and this application has no such domain; it has " + names);
            }
            if (!seen.add(export.domain() + "/" + export.name())) {
                throw new IllegalArgumentException("Domain " + export.domain() + " declares two file exports named "
                        + export.name() + ": each needs its own name, which names its inbox and raw table");
            }
        }
    }

    /**
     * Change data capture of the captured systems of the domains this process runs, when the mesh has operational
     * databases ({@code mesh.operational.mode}).
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnBean({MeshDomain.class, CapturedSystem.class, OperationalDatabases.class})
    DomainCaptures domainCaptures(
            List<MeshDomain> domains,
            List<CapturedSystem> systems,
            MeshProperties properties,
            OperationalDatabases databases,
            MeshLayout layout,
            KafkaProperties kafka,
            ObjectProvider<KafkaConnectionDetails> connection) {
        var here = running(domains, properties).stream().map(MeshDomain::name).toList();
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        bootstrapServers(config, connection, KafkaConnectionDetails::getProducer);
        return new DomainCaptures(
                systems.stream()
                        .filter(system -> here.contains(system.domain()))
                        .toList(),
                databases,
                layout,
                config);
    }

    /** Health per domain, when Actuator is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    @ConditionalOnBean(MeshDomain.class)
    static class MeshHealthConfiguration {

        @Bean
        MeshHealthIndicator meshHealthIndicator(MeshRuntime mesh) {
            return new MeshHealthIndicator(mesh);
        }
    }

    /**
     * The domains this process runs: those named in {@code mesh.domains}, in that order, or every domain on the
     * classpath when it names none. Fails on a name that no domain on the classpath has.
     */
    static List<MeshDomain> running(List<MeshDomain> onClasspath, MeshProperties properties) {
        if (properties.domains().isEmpty()) {
            return onClasspath;
        }
        var byName = new LinkedHashMap<String, MeshDomain>();
        onClasspath.forEach(domain -> byName.put(domain.name(), domain));
        var unknown = properties.domains().stream()
                .filter(name -> !byName.containsKey(name))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("mesh.domains names " + unknown + ", but this application has no such"
                    + " domain on its classpath; it has " + byName.keySet());
        }
        return properties.domains().stream().distinct().map(byName::get).toList();
    }

    /**
     * Takes the broker's address from Spring Boot's connection details, which a service connection such as a
     * Testcontainers broker ({@code @ServiceConnection}) provides instead of {@code spring.kafka.bootstrap-servers}.
     */
    private static void bootstrapServers(
            Map<String, Object> config,
            ObjectProvider<KafkaConnectionDetails> connection,
            Function<KafkaConnectionDetails, KafkaConnectionDetails.Configuration> client) {
        connection.ifAvailable(details -> config.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                String.join(",", client.apply(details).getBootstrapServers())));
    }

    /**
     * Files an access request for every input port the domain declares and has never requested, with the products
     * that read it as the purpose; approves it as the owner's standing agreement when so configured.
     */
    private static void declareInputPorts(DomainRuntime runtime, AccessRequests access, boolean standingAgreement) {
        var readers = new LinkedHashMap<String, List<String>>();
        for (DataProduct product : runtime.products()) {
            for (var port : product.descriptor().inputPorts()) {
                readers.computeIfAbsent(port.product(), key -> new ArrayList<>())
                        .add(product.id().toString());
            }
        }
        readers.forEach((product, readBy) -> access.declareInputPort(
                runtime.domain().name(),
                ProductId.parse(product),
                "Input port of " + String.join(", ", readBy) + ", declared in its descriptor",
                standingAgreement));
    }

    private static DefaultKafkaConsumerFactory<String, byte[]> consumers(
            KafkaProperties kafka, ObjectProvider<KafkaConnectionDetails> connection) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        bootstrapServers(config, connection, KafkaConnectionDetails::getConsumer);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
