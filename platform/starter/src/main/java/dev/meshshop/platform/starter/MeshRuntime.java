package dev.meshshop.platform.starter;

import dev.meshshop.platform.pipelines.CleaningReport;
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
import java.util.function.Consumer;
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
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    MeshRuntime(Collection<DomainRuntime> domains, Duration refreshInterval) {
        producersFirst(domains)
                .forEach(domain -> this.domains.put(domain.domain().name(), domain));
        this.refreshInterval = refreshInterval;
    }

    /** The domains, each after the domains whose products it reads: the order in which they refresh. */
    public Collection<DomainRuntime> domains() {
        return domains.values();
    }

    /**
     * Orders the domains so that every domain comes after the producers of its input ports that this process
     * runs, keeping the given order otherwise. Fails on a cycle, which no refresh order could serve.
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
                            .map(port -> ProductId.parse(port.product()).domain())
                            .filter(byName::containsKey)
                            .allMatch(placed::contains))
                    .findFirst();
            if (ready.isEmpty()) {
                var waiting = byName.keySet().stream()
                        .filter(name -> !placed.contains(name))
                        .toList();
                throw new IllegalStateException("The input ports of domains " + waiting
                        + " form a cycle: each waits for another's product. Break the cycle in their descriptors.");
            }
            ordered.add(ready.get());
            placed.add(ready.get().domain().name());
        }
        return ordered;
    }

    public DomainRuntime domain(String name) {
        var domain = domains.get(name);
        if (domain == null) {
            throw new NoSuchElementException("This process runs no domain '" + name + "'; it runs " + domains.keySet());
        }
        return domain;
    }

    /**
     * What {@link #refreshAll} did.
     *
     * @param cleaning how long cleaning every domain took, in its one pipeline run
     * @param refreshes per domain in refresh order, what its refresh did stage by stage
     */
    public record Refreshed(Duration cleaning, Map<String, DomainRuntime.RefreshReport> refreshes) {}

    /**
     * Refreshes every domain once, producers first, after cleaning all domains with events in one pipeline run: one
     * job instead of one per domain saves the runner's fixed cost per job. Calls {@code refreshed} after each
     * domain's refresh. Fails, naming the domain, at the first refresh that fails; products published by then stay.
     */
    public Refreshed refreshAll(Consumer<DomainRuntime.RefreshReport> refreshed) {
        long start = System.nanoTime();
        var cleaned = cleanAll();
        var cleaning = Duration.ofNanos(System.nanoTime() - start);
        var refreshes = new LinkedHashMap<String, DomainRuntime.RefreshReport>();
        for (DomainRuntime domain : domains.values()) {
            String name = domain.domain().name();
            var report = domain.refresh(cleaned.getOrDefault(name, CleaningReport.nothingToClean(name)));
            refreshes.put(name, report);
            refreshed.accept(report);
        }
        return new Refreshed(cleaning, refreshes);
    }

    /**
     * Cleans every domain that has events in one pipeline run, replacing their clean zones, without modelling or
     * publishing; returns the reports by domain.
     */
    public Map<String, CleaningReport> cleanAll() {
        var parts = domains.values().stream()
                .flatMap(domain -> domain.cleaningPart().stream())
                .toList();
        return parts.isEmpty()
                ? Map.of()
                : domains.values().iterator().next().cleaningStage().runTogether(parts);
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

    private void refreshChanged() {
        for (DomainRuntime domain : domains.values()) {
            try {
                domain.refreshIfChanged();
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
