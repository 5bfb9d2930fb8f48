package dev.meshshop.platform.starter;

import dev.meshshop.platform.storage.ProductId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The domains this process runs. Starting it starts their ingest and, if configured, the periodic refresh;
 * stopping it stops both; closing it closes the domains' areas.
 */
public final class MeshRuntime implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MeshRuntime.class);

    private final Map<String, DomainRuntime> domains = new LinkedHashMap<>();
    private final Duration refreshInterval;
    private final RefreshTrigger trigger;
    private ScheduledExecutorService scheduler;
    private volatile boolean running;
    private final AtomicInteger pauses = new AtomicInteger();

    MeshRuntime(Collection<DomainRuntime> domains, Duration refreshInterval, RefreshTrigger trigger) {
        producersFirst(domains)
                .forEach(domain -> this.domains.put(domain.domain().name(), domain));
        this.refreshInterval = refreshInterval;
        this.trigger = trigger;
    }

    /** The domains, each after the domains whose products it reads: the order in which they refresh. */
    public Collection<DomainRuntime> domains() {
        return domains.values();
    }

    /**
     * Orders the domains so that every domain comes after the producers of its input ports that this process
     * runs, keeping the given order otherwise. An optional input port does not order its domain: its domain does not
     * wait for it (ADR 27). Fails on a cycle of the other ports, which no refresh order could serve.
     */
    static List<DomainRuntime> producersFirst(Collection<DomainRuntime> domains) {
        var byName = new LinkedHashMap<String, DomainRuntime>();
        domains.forEach(domain -> byName.put(domain.domain().name(), domain));
        var ordered = new ArrayList<DomainRuntime>();
        var placed = new HashSet<String>();
        while (ordered.size() < byName.size()) {
            var ready = byName.values().stream()
                    .filter(domain -> !placed.contains(domain.domain().name()))
                    .filter(domain -> domain.inputPorts().stream()
                            .filter(port -> !port.optional())
                            .map(port -> ProductId.parse(port.product()).domain())
                            .filter(byName::containsKey)
                            .allMatch(placed::contains))
                    .findFirst();
            if (ready.isEmpty()) {
                var waiting = byName.keySet().stream()
                        .filter(name -> !placed.contains(name))
                        .toList();
                throw new IllegalStateException("The input ports of domains " + waiting
                        + " form a cycle: each waits for another's product. Break the cycle in their descriptors, for"
                        + " example by marking one of the ports optional.");
            }
            ordered.add(ready.get());
            placed.add(ready.get().domain().name());
        }
        return ordered;
    }

    /**
     * What {@link #refreshEveryDomain} did.
     *
     * @param reports per domain that published, what it published (its refreshes as one)
     * @param failures per domain whose refresh failed or was refused, why; it keeps its last good snapshots
     */
    public record Refreshed(Map<String, DomainRuntime.RefreshReport> reports, Map<String, String> failures) {}

    /**
     * Refreshes every domain once, producers first, and then once more those whose input ports moved since (a product
     * reading an optional port published later in the same round). A domain whose refresh fails or is refused keeps
     * its last good snapshots and the others go on: one bad domain does not stop the mesh. {@code refreshed} hears of
     * each refresh that published as it ends.
     */
    public Refreshed refreshEveryDomain(java.util.function.Consumer<DomainRuntime.RefreshReport> refreshed) {
        var reports = new LinkedHashMap<String, DomainRuntime.RefreshReport>();
        var failures = new LinkedHashMap<String, String>();
        for (DomainRuntime domain : domains.values()) {
            String name = domain.domain().name();
            refreshOne(domain, failures, () -> {
                var report = domain.refresh();
                reports.put(name, report);
                refreshed.accept(report);
            });
        }
        for (DomainRuntime domain : domains.values()) {
            String name = domain.domain().name();
            refreshOne(domain, failures, () -> domain.refreshNewInputs().ifPresent(later -> {
                reports.merge(name, later, DomainRuntime.RefreshReport::then);
                failures.remove(name);
                refreshed.accept(later);
            }));
        }
        return new Refreshed(reports, failures);
    }

    /** Runs {@code refresh} of {@code domain}; a failure is kept in {@code failures} instead of stopping the round. */
    private static void refreshOne(DomainRuntime domain, Map<String, String> failures, Runnable refresh) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            log.warn(
                    "{} kept its last products: its refresh failed: {}",
                    domain.domain().name(),
                    e.getMessage());
            failures.put(domain.domain().name(), e.getMessage());
        }
    }

    public DomainRuntime domain(String name) {
        var domain = domains.get(name);
        if (domain == null) {
            throw new NoSuchElementException("This process runs no domain '" + name + "'; it runs " + domains.keySet());
        }
        return domain;
    }

    @Override
    public void start() {
        domains.values().forEach(DomainRuntime::startIngest);
        if (!refreshInterval.isZero()) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                var thread = new Thread(runnable, "mesh-refresh");
                thread.setDaemon(true);
                return thread;
            });
            long millis = refreshInterval.toMillis();
            scheduler.scheduleWithFixedDelay(this::refreshChanged, millis, millis, TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    /**
     * Holds the refresh driven by data until {@link #resumeRefresh}: a fill that sends a whole simulated year
     * refreshes every domain itself once its events are ingested, rather than in many small runs while they arrive.
     */
    public void pauseRefresh() {
        pauses.incrementAndGet();
    }

    /** Lets the refresh driven by data run again after {@link #pauseRefresh}. */
    public void resumeRefresh() {
        pauses.decrementAndGet();
    }

    private void refreshChanged() {
        for (DomainRuntime domain : domains.values()) {
            if (pauses.get() > 0) {
                return;
            }
            try {
                domain.refreshIfChanged(trigger);
            } catch (RuntimeException e) {
                log.error(
                        "Refresh of {} failed; its products keep their last snapshot",
                        domain.domain().name(),
                        e);
            }
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        domains.values().forEach(DomainRuntime::stopIngest);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        domains.values().forEach(DomainRuntime::close);
    }
}
