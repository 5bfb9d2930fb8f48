package dev.meshshop.domains.search.simulator;

import dev.meshshop.domains.search.events.ResultClicked;
import dev.meshshop.domains.search.events.SearchEvents;
import dev.meshshop.domains.search.events.SearchPerformed;
import dev.meshshop.domains.search.events.SessionStarted;
import dev.meshshop.domains.search.simulator.SearchTruth.QueryDay;
import dev.meshshop.domains.search.simulator.SearchTruth.QueryStats;
import dev.meshshop.platform.simulation.RecordStream;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Customer;
import dev.meshshop.platform.simulation.ShopYear.Search;
import dev.meshshop.platform.simulation.ShopYear.Session;
import dev.meshshop.platform.simulation.SimulatedRecord;
import dev.meshshop.platform.simulation.SimulatedShop;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Search's operational system, simulated: the search service sees the shop's year ({@link SimulatedShop}) as visits
 * that start, searches in them and clicks on their results, and sends an event for each, in the order the visits
 * started. Deterministic for a seed.
 *
 * <p>Visitors type as they like: now and then a term starts with a capital letter or ends with a space. And the
 * service has faults of its own ({@link SearchFaults}): some visitors type their e-mail address or phone number
 * into the search box, and the service lost six hours of events in an outage.
 */
public final class SearchSimulator {

    /** The outage: the search service lost every event that occurred from here... */
    public static final Instant OUTAGE_FROM = Instant.parse("2025-08-14T02:00:00Z");

    /** ...to here (exclusive). */
    public static final Instant OUTAGE_UNTIL = Instant.parse("2025-08-14T08:00:00Z");

    static final double CAPITALIZED = 0.1;
    static final double TRAILING_SPACE = 0.05;

    private final Supplier<ShopYear> business;
    private final SearchFaults faults;

    public SearchSimulator(long seed, double scale) {
        this(seed, scale, SearchFaults.TYPICAL);
    }

    public SearchSimulator(long seed, double scale, SearchFaults faults) {
        this.business = () -> SimulatedShop.year(seed, scale);
        this.faults = faults;
    }

    /** The search service of {@code business}: the year, or a stretch of live trading after it. */
    public SearchSimulator(ShopYear business, SearchFaults faults) {
        this.business = () -> business;
        this.faults = faults;
    }

    /** The records, in the order the search service sends them. */
    public Iterator<SimulatedRecord> records() {
        return new SearchService();
    }

    /** What {@link #records()} sends and plants, found by sending them once into the void. */
    public SearchTruth truth() {
        var service = new SearchService();
        service.drain();
        return service.truth();
    }

    /** Whether {@code at} falls into the outage, in which the service loses every event when it has the outage. */
    public static boolean inOutage(Instant at) {
        return !at.isBefore(OUTAGE_FROM) && at.isBefore(OUTAGE_UNTIL);
    }

    /** A query as typed, and as search_queries groups it: lower-case, trimmed, contact data redacted. */
    private record TypedQuery(String text, String normalized) {}

    /** The search service: one visit's events per step, with its faults, counting what it sends. */
    private final class SearchService extends RecordStream {

        private final Iterator<Session> sessions;
        private final Map<String, Customer> customers;
        private final Map<String, Long> sessionsByVariant = new TreeMap<>();
        private final Map<QueryDay, long[]> queryDays = new HashMap<>();
        private long sent;
        private long converted;
        private long searches;
        private long clicks;
        private long lostSessions;
        private long lostSearches;
        private long lostClicks;
        private long emails;
        private long phones;

        SearchService() {
            this(business.get());
        }

        private SearchService(ShopYear year) {
            super(year.seed(), faults.delivery(), SearchEvents.SEARCH_PERFORMED.topic());
            this.sessions = year.sessions().iterator();
            this.customers = year.customers().stream().collect(Collectors.toMap(Customer::id, Function.identity()));
        }

        @Override
        protected boolean emitNext() {
            if (!sessions.hasNext()) {
                return false;
            }
            var session = sessions.next();
            if (lost(session.startedAt())) {
                lostSessions++;
            } else {
                send(
                        SearchEvents.SESSION_STARTED,
                        session.id(),
                        session.startedAt(),
                        new SessionStarted(
                                session.id(),
                                session.customerId(),
                                session.productPageVariant(),
                                session.freeShippingOffered().orElse(null)));
                sent++;
                sessionsByVariant.merge(session.productPageVariant(), 1L, Long::sum);
                converted += session.orderId().isPresent() ? 1 : 0;
            }
            for (Search search : session.searches()) {
                emitSearch(session, search);
            }
            return true;
        }

        private void emitSearch(Session session, Search search) {
            long[] stats = null;
            if (lost(search.at())) {
                lostSearches++;
            } else {
                var query = typed(session, search);
                send(
                        SearchEvents.SEARCH_PERFORMED,
                        session.id(),
                        search.at(),
                        new SearchPerformed(search.id(), session.id(), query.text(), search.resultCount()));
                searches++;
                stats = queryDays.computeIfAbsent(
                        new QueryDay(query.normalized(), LocalDate.ofInstant(search.at(), ZoneOffset.UTC)),
                        key -> new long[4]);
                stats[0]++;
                stats[1] += search.resultCount() == 0 ? 1 : 0;
            }
            if (search.click().isEmpty()) {
                return;
            }
            var click = search.click().get();
            if (lost(click.at())) {
                lostClicks++;
                return;
            }
            send(
                    SearchEvents.RESULT_CLICKED,
                    session.id(),
                    click.at(),
                    new ResultClicked(search.id(), session.id(), click.sku(), click.position()));
            clicks++;
            if (stats != null) {
                stats[2]++;
                stats[3]++;
            }
        }

        /**
         * The query as the visitor typed it. A visitor who found nothing may have typed their e-mail address or
         * phone number instead of a product term (which is why they found nothing).
         */
        private TypedQuery typed(Session session, Search search) {
            var random = random();
            if (search.resultCount() == 0 && random.nextDouble() < faults.contactDataInQuery()) {
                var customer = customers.get(session.customerId());
                if (random.nextBoolean()) {
                    emails++;
                    return new TypedQuery(customer.email(), "[email]");
                }
                phones++;
                return new TypedQuery(customer.phone(), "[phone]");
            }
            String text = search.query();
            if (random.nextDouble() < CAPITALIZED) {
                text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
            }
            if (random.nextDouble() < TRAILING_SPACE) {
                text = text + " ";
            }
            return new TypedQuery(text, search.query());
        }

        private boolean lost(Instant at) {
            return faults.outage() && inOutage(at);
        }

        SearchTruth truth() {
            var stats = new HashMap<QueryDay, QueryStats>();
            queryDays.forEach(
                    (key, counts) -> stats.put(key, new QueryStats(counts[0], counts[1], counts[2], counts[3])));
            return new SearchTruth(
                    tally(),
                    sent,
                    sessionsByVariant,
                    converted,
                    searches,
                    clicks,
                    lostSessions,
                    lostSearches,
                    lostClicks,
                    emails,
                    phones,
                    stats);
        }
    }
}
