package dev.meshshop.platform.starter;

import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishListener;
import dev.meshshop.platform.storage.Snapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The mesh's operations as meters, beside ingest's own ({@code mesh.ingest.*}): each domain's cleaning runs, what
 * its publishes made current or refused, and the queries the mesh answered. With Actuator and a Prometheus
 * registry on the classpath they are served at {@code /actuator/prometheus}, dots as underscores and counters
 * ending in {@code _total}.
 *
 * <table>
 *   <caption>The meters</caption>
 *   <tr><th>meter</th><th>tags</th><th>what it counts</th></tr>
 *   <tr><td>{@code mesh.cleaning.runs}</td><td>domain</td><td>cleaning runs that balanced and were committed</td></tr>
 *   <tr><td>{@code mesh.cleaning.records}</td><td>domain, stage (input, clean, quarantined)</td><td>raw records
 *       a run read, and what became of them</td></tr>
 *   <tr><td>{@code mesh.cleaning.duration}</td><td>domain</td><td>how long each run took (a timer)</td></tr>
 *   <tr><td>{@code mesh.publish.snapshots}</td><td>domain, product</td><td>snapshots made current</td></tr>
 *   <tr><td>{@code mesh.publish.refusals}</td><td>domain, product, gate</td><td>snapshots refused, by the gate
 *       that refused them ({@code together} when held back with another product)</td></tr>
 *   <tr><td>{@code mesh.queries}</td><td>route, outcome (ok, refused, failed)</td><td>queries answered, refused
 *       or failed</td></tr>
 *   <tr><td>{@code mesh.query.duration}</td><td>route</td><td>how long each query took (a timer)</td></tr>
 * </table>
 */
public final class MeshMetrics implements PublishListener {

    private final MeterRegistry registry;

    public MeshMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A cleaning run of {@code domain} balanced and was committed; {@code report} says what it did. */
    public void cleaned(String domain, CleaningReport report) {
        counter("mesh.cleaning.runs", "Cleaning runs that balanced and were committed", "domain", domain)
                .increment();
        var batch = report.batch();
        records(domain, "input").increment(batch.input());
        records(domain, "clean").increment(batch.clean());
        records(domain, "quarantined").increment(batch.quarantined());
        Timer.builder("mesh.cleaning.duration")
                .description("How long a cleaning run took, from reading the raw records to committing")
                .tag("domain", domain)
                .register(registry)
                .record(report.totalTime());
    }

    @Override
    public void published(Snapshot snapshot) {
        String product = snapshot.product();
        counter(
                        "mesh.publish.snapshots",
                        "Snapshots made current",
                        "domain",
                        ProductId.parse(product).domain(),
                        "product",
                        product)
                .increment();
    }

    @Override
    public void refused(ProductId product, int major, String gate) {
        counter(
                        "mesh.publish.refusals",
                        "Snapshots the publish refused, by the gate that refused them",
                        "domain",
                        product.domain(),
                        "product",
                        product.toString(),
                        "gate",
                        gate)
                .increment();
    }

    /** The query service answered, refused or failed a query, as its usage audit records it. */
    public void queried(Usage usage) {
        counter(
                        "mesh.queries",
                        "Queries the mesh answered, refused or failed",
                        "route",
                        usage.route(),
                        "outcome",
                        usage.outcome().label())
                .increment();
        Timer.builder("mesh.query.duration")
                .description("How long a query took, its wait for a turn included")
                .tag("route", usage.route())
                .register(registry)
                .record(Duration.ofMillis(usage.elapsedMs()));
    }

    private Counter records(String domain, String stage) {
        return counter(
                "mesh.cleaning.records",
                "Raw records a cleaning run read (input), and what became of them (clean, quarantined)",
                "domain",
                domain,
                "stage",
                stage);
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
