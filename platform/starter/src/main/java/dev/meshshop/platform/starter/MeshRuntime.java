package dev.meshshop.platform.starter;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
        domains.forEach(domain -> this.domains.put(domain.domain().name(), domain));
        this.refreshInterval = refreshInterval;
    }

    public Collection<DomainRuntime> domains() {
        return domains.values();
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
        domains.values().forEach(domain -> domain.ingestor().start());
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
        domains.values().forEach(domain -> domain.ingestor().stop());
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
