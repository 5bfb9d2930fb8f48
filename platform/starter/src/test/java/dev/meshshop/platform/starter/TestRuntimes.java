package dev.meshshop.platform.starter;

import dev.meshshop.platform.ingest.DomainIngestor;
import dev.meshshop.platform.ingest.FileInbox;
import dev.meshshop.platform.ingest.RawZone;
import dev.meshshop.platform.pipelines.CleaningRunner;
import dev.meshshop.platform.pipelines.CleaningStage;
import dev.meshshop.platform.pipelines.PersonalDataSalt;
import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.SqlModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * Domain runtimes for the starter's tests: the domain's models and products from the test class path, cleaning on
 * Beam's direct runner with its checks, every input port granted, the system clock.
 */
final class TestRuntimes {

    private TestRuntimes() {}

    static DomainRuntime of(
            MeshDomain domain,
            MeshLayout layout,
            DomainArea area,
            DomainIngestor ingestor,
            List<PublishGate> gates,
            List<FileInbox> inboxes) {
        var loader = TestRuntimes.class.getClassLoader();
        return new DomainRuntime(
                domain,
                area,
                ingestor,
                new CleaningStage(
                        layout, CleaningRunner.direct(), PersonalDataSalt.of("a salt for the starter's tests")),
                SqlModels.fromClasspath(domain.models(), loader),
                domain.products().stream()
                        .map(product -> DataProduct.fromClasspath(product, loader))
                        .toList(),
                new OutputPortPublisher(layout, Clock.systemUTC(), gates, 3),
                new MeshDirectory(layout),
                AccessCheck.unchecked(),
                new MeshMetrics(new SimpleMeterRegistry()),
                Clock.systemUTC(),
                inboxes);
    }

    /** An ingestor of {@code domain}'s events into {@code area} that is never started: tests write raw rows. */
    static DomainIngestor idleIngestor(MeshDomain domain, DomainArea area) {
        return new DomainIngestor(
                domain.name(),
                new RawZone(area, DomainIngestor.typesByTopic(domain.eventTypes()), Clock.systemUTC()),
                domain.eventTypes(),
                new DefaultKafkaConsumerFactory<>(Map.of()),
                new SimpleMeterRegistry());
    }
}
