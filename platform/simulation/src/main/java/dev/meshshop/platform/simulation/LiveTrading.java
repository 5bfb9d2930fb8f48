package dev.meshshop.platform.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.starter.DomainRuntime;
import dev.meshshop.platform.starter.MeshClock;
import dev.meshshop.platform.starter.MeshRuntime;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated company trading on after its year: new business ({@link LiveShop}) at a chosen rate of events per
 * second over the domains, each event sent by its domain's simulated system ({@link EventSimulator#live}) when it
 * happens in the mesh's time. Starting it sets the {@link MeshClock} running, so the mesh's time moves on from the
 * end of the year at the pace of the wall clock and freshness is measured against it.
 *
 * <p>One thread generates business a short {@link #STEP} ahead of the mesh's time and sends what is due; what
 * follows a purchase (a payment, a parcel, a return) waits in a queue until its time comes.
 */
public final class LiveTrading implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveTrading.class);

    /** How much business is generated at a time, and how far ahead of the mesh's time. */
    static final Duration STEP = Duration.ofMillis(100);

    /** Events a visit sets off over all domains, until the visits traded so far tell better. */
    static final double EVENTS_PER_VISIT_GUESS = 4.5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeshRuntime mesh;
    private final Simulations simulations;
    private final MeshClock clock;
    private LiveShop shop;
    private long shopSeed;
    private double shopScale;
    private Trader trader;

    public LiveTrading(MeshRuntime mesh, Simulations simulations, MeshClock clock) {
        this.mesh = mesh;
        this.simulations = simulations;
        this.clock = clock;
    }

    /**
     * What live trading has done so far.
     *
     * @param sent events Kafka acknowledged, per domain
     * @param visits visits traded
     * @param waiting events generated and not yet due
     * @param meshTime the mesh's time now
     */
    public record Stats(Map<String, Long> sent, long visits, long waiting, long failed, Instant meshTime) {

        public long total() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Starts trading after the year of {@code seed} and {@code scale} at {@code eventsPerSecond} over every domain
     * whose simulator trades live, and sets the mesh's clock running.
     *
     * @throws IllegalArgumentException when the rate is not a positive number
     * @throws IllegalStateException when it already trades, or no domain's simulator trades live
     */
    public synchronized void start(long seed, double scale, double eventsPerSecond) {
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("The live rate is a positive number of events per second over the"
                    + " domains, such as mesh.local.live-rate=200, was " + eventsPerSecond);
        }
        if (trader != null) {
            throw new IllegalStateException("The simulated company already trades live; stop it first");
        }
        var systems = systems();
        clock.run();
        trader = new Trader(shop(seed, scale), systems, eventsPerSecond);
        var thread = new Thread(trader, "mesh-live-trading");
        thread.setDaemon(true);
        thread.start();
        log.info("The simulated company trades live at {} events/s over {}", eventsPerSecond, systems.keySet());
    }

    /**
     * New business of about {@code events} events over the domains, all at once rather than when each is due: the
     * visits start at the mesh's time now (which this sets running) and what follows them lies at most
     * {@link LiveShop#longestFollowUp()} ahead. For a benchmark that sends batches; ids go on across batches and
     * live trading.
     *
     * @return per domain, the records its system sends, in its order
     */
    public synchronized Map<String, List<SimulatedRecord>> batch(long seed, double scale, int events) {
        if (events <= 0) {
            throw new IllegalArgumentException("A batch has at least one event, was " + events);
        }
        var systems = systems();
        clock.run();
        var from = clock.instant();
        int visits = (int) Math.max(1, Math.round(events / EVENTS_PER_VISIT_GUESS));
        var business = shop(seed, scale).trade(from, from.plus(STEP), visits);
        var batch = new TreeMap<String, List<SimulatedRecord>>();
        systems.forEach((domain, system) -> system.live(business).ifPresent(records -> {
            var list = new ArrayList<SimulatedRecord>();
            records.forEachRemaining(list::add);
            batch.put(domain, list);
        }));
        return batch;
    }

    private Map<String, EventSimulator> systems() {
        var systems = new TreeMap<String, EventSimulator>();
        for (DomainRuntime domain : mesh.domains()) {
            String name = domain.domain().name();
            // a domain whose data only comes from outside as files (EventSimulator.NONE) does not trade
            simulations
                    .simulator(name)
                    .filter(simulator -> simulator != EventSimulator.NONE)
                    .ifPresent(simulator -> systems.put(name, simulator));
        }
        if (systems.isEmpty()) {
            throw new IllegalStateException("No domain of this mesh has a simulator, so nothing can trade live");
        }
        return systems;
    }

    private LiveShop shop(long seed, double scale) {
        if (shop == null) {
            shop = new LiveShop(seed, scale);
            shopSeed = seed;
            shopScale = scale;
        } else if (shopSeed != seed || shopScale != scale) {
            throw new IllegalArgumentException("This mesh trades on after the year of seed " + shopSeed + " at scale "
                    + shopScale + ", not of seed " + seed + " at scale " + scale);
        }
        return shop;
    }

    /** Whether it trades. */
    public synchronized boolean trading() {
        return trader != null && !trader.stopped;
    }

    /** What it has done so far; all zero before it started. */
    public synchronized Stats stats() {
        if (trader == null) {
            return new Stats(Map.of(), 0, 0, 0, clock.instant());
        }
        return trader.stats();
    }

    /** Stops trading and waits until what was handed to Kafka is acknowledged. */
    @Override
    public synchronized void close() {
        if (trader != null) {
            trader.stop();
        }
    }

    /** One event waiting for its time. */
    private record Pending(Instant at, long sequence, String domain, SimulatedRecord record) {}

    private final class Trader implements Runnable {

        private final LiveShop shop;
        private final Map<String, EventSimulator> systems;
        private final double eventsPerSecond;
        private final PriorityQueue<Pending> waiting =
                new PriorityQueue<>(Comparator.comparing(Pending::at).thenComparingLong(Pending::sequence));
        private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
        private final Object done = new Object();
        private volatile boolean stopped;
        private volatile boolean finished;
        private volatile long visits;
        private volatile long queued;
        private long generated;
        private long sequence;
        private double visitsOwed;

        Trader(LiveShop shop, Map<String, EventSimulator> systems, double eventsPerSecond) {
            this.shop = shop;
            this.systems = systems;
            this.eventsPerSecond = eventsPerSecond;
            systems.keySet().forEach(domain -> sent.put(domain, new AtomicLong()));
        }

        @Override
        public void run() {
            try (var producer = simulations.producer()) {
                Instant generatedUntil = clock.instant();
                while (!stopped) {
                    Instant now = clock.instant();
                    while (generatedUntil.isBefore(now.plus(STEP))) {
                        Instant to = generatedUntil.plus(STEP);
                        trade(generatedUntil, to);
                        generatedUntil = to;
                    }
                    while (!waiting.isEmpty() && !waiting.peek().at().isAfter(now)) {
                        var due = waiting.poll();
                        var record = due.record();
                        var counter = sent.get(due.domain());
                        producer.send(
                                new ProducerRecord<>(record.topic(), record.key(), record.value()),
                                (metadata, error) -> {
                                    if (error == null) {
                                        counter.incrementAndGet();
                                    } else if (failed.getAndIncrement() == 0 || lastFailure.get() == null) {
                                        lastFailure.set(error);
                                        log.warn(
                                                "Kafka refused a live event of {}: {}",
                                                due.domain(),
                                                error.getMessage());
                                    }
                                });
                    }
                    queued = waiting.size();
                    Thread.sleep(5);
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("Live trading stopped: {}", e.getMessage(), e);
            } finally {
                stopped = true;
                synchronized (done) {
                    finished = true;
                    done.notifyAll();
                }
            }
        }

        /** Generates the visits of [from, to) and queues the events every domain's system sends for them. */
        private void trade(Instant from, Instant to) {
            double perVisit = visits < 100 ? EVENTS_PER_VISIT_GUESS : generated / (double) visits;
            visitsOwed += eventsPerSecond * STEP.toNanos() / 1e9 / perVisit;
            int count = (int) visitsOwed;
            if (count == 0) {
                return;
            }
            visitsOwed -= count;
            ShopYear business = shop.trade(from, to, count);
            for (var system : systems.entrySet()) {
                system.getValue().live(business).ifPresent(records -> queue(system.getKey(), records, from));
            }
            visits += count;
        }

        private void queue(String domain, Iterator<SimulatedRecord> records, Instant from) {
            Instant last = from;
            while (records.hasNext()) {
                var record = records.next();
                // a malformed record has no time of its own: it goes out right after the one it followed
                Instant at =
                        occurredAt(record).filter(time -> !time.isBefore(from)).orElse(last);
                waiting.add(new Pending(at, sequence++, domain, record));
                last = at;
                generated++;
            }
        }

        Stats stats() {
            var counts = new TreeMap<String, Long>();
            sent.forEach((domain, count) -> counts.put(domain, count.get()));
            return new Stats(counts, visits, queued, failed.get(), clock.instant());
        }

        void stop() {
            stopped = true;
            synchronized (done) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!finished && System.nanoTime() < deadline) {
                    try {
                        done.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** When the event in {@code record} occurred, if it is an event with a time at all. */
    static Optional<Instant> occurredAt(SimulatedRecord record) {
        try {
            JsonNode at = JSON.readTree(record.value()).get(EventCodec.OCCURRED_AT);
            return at == null || !at.isTextual() ? Optional.empty() : Optional.of(Instant.parse(at.asText()));
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
