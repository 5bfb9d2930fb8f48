package dev.meshshop.domains.search.simulator;

import dev.meshshop.platform.simulation.DeliveryTally;
import java.time.LocalDate;
import java.util.Map;

/**
 * What the search simulator sent and planted, so tests can check that the mesh finds exactly this. Counts of
 * events are of events sent once each: copies and malformed records are in {@link #delivery()}.
 *
 * @param delivery every record sent, and the duplicates and malformed records among them
 * @param sessions visits whose {@code SessionStarted} was sent: the rows {@code search.search_sessions} must have
 * @param sessionsByVariant of those, how many saw each product page ({@code A}, {@code B})
 * @param convertedSessions of those, the visits that ended in an order
 * @param searches searches sent
 * @param clicks result clicks sent
 * @param lostSessions visits that started in the outage, whose {@code SessionStarted} was never sent
 * @param lostSearches searches performed in the outage, never sent
 * @param lostClicks clicks made in the outage, never sent
 * @param emailsInQueries searches sent whose query is the visitor's e-mail address
 * @param phonesInQueries searches sent whose query is the visitor's phone number
 * @param queryDays per normalized query (lower-case, trimmed; contact data as {@code [email]} or {@code [phone]})
 *     and day: what {@code search.search_queries} must hold
 */
public record SearchTruth(
        DeliveryTally delivery,
        long sessions,
        Map<String, Long> sessionsByVariant,
        long convertedSessions,
        long searches,
        long clicks,
        long lostSessions,
        long lostSearches,
        long lostClicks,
        long emailsInQueries,
        long phonesInQueries,
        Map<QueryDay, QueryStats> queryDays) {

    public SearchTruth {
        sessionsByVariant = Map.copyOf(sessionsByVariant);
        queryDays = Map.copyOf(queryDays);
    }

    /** A normalized query on a day (UTC). */
    public record QueryDay(String query, LocalDate day) {}

    /**
     * @param searches searches sent
     * @param zeroResultSearches of those, the searches that found nothing
     * @param clicks clicks sent on their results (a click sent for a search that was lost counts nowhere here)
     * @param searchesWithClick searches with at least one of those clicks
     */
    public record QueryStats(long searches, long zeroResultSearches, long clicks, long searchesWithClick) {}
}
