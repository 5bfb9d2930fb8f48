package dev.meshshop.domains.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.meshshop.domains.search.events.SearchEvents;
import dev.meshshop.domains.search.simulator.SearchFaults;
import dev.meshshop.domains.search.simulator.SearchSimulator;
import dev.meshshop.domains.search.simulator.SearchTruth;
import dev.meshshop.domains.search.simulator.SearchTruth.QueryDay;
import dev.meshshop.domains.search.simulator.SearchTruth.QueryStats;
import dev.meshshop.platform.pipelines.Gap;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Session;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import dev.meshshop.platform.testkit.ProductQueries;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search end to end, in one JVM: the simulated search service sends a year of visits, searches and clicks, with
 * its faults, to a real Kafka broker; the platform ingests, cleans (Beam, direct runner), models and publishes
 * search_queries and search_sessions, the latter joined with a stand-in of checkout.orders built from the same
 * year. The products must equal the year as it happened, minus the six hours the service lost, and every planted
 * fault must be repaired or quarantined, exactly as often as it was planted.
 */
@MeshPathTest
class SearchPathTests {

    @RegisterExtension
    static final DomainPath search = DomainPath.of(SearchDomain.NAME);

    static final long SEED = 20251124;
    static final double SCALE = 0.001; // the floor of one visit per hour: about 27,000 events

    /**
     * Faults far above their typical rates, except duplicates: on the direct runner each duplicated event id costs
     * a bundle of its own in every step after deduplication (about 0.4 s each on two busy cores), so a few dozen
     * are planted rather than hundreds. Malformed records and contact data cost nothing extra.
     */
    static final SearchFaults FAULTY = new SearchFaults(new Faults(0.001, 0.01), 0.25, true);

    static final ShopYear year = SimulatedShop.year(SEED, SCALE);
    static final SearchTruth truth = new SearchSimulator(SEED, SCALE, FAULTY).truth();
    static ProductQueries products;

    @BeforeAll
    static void runTheSearchServiceForAYear() {
        // the faults this test is about must be planted at all
        DomainPath.assertFaultsPlanted(truth.delivery());
        assertThat(truth.emailsInQueries()).isPositive();
        assertThat(truth.phonesInQueries()).isPositive();
        assertThat(truth.lostSessions()).isPositive();

        // checkout.orders as checkout would publish it, from the year's orders, with the columns search reads
        search.standIn(
                "stand-ins/checkout/orders",
                "model.orders",
                "order_id VARCHAR, session_id VARCHAR, purchased_at TIMESTAMP",
                year.orders(),
                order -> new Object[] {order.id(), order.sessionId(), order.purchasedAt()});
        search.send(new SearchSimulator(SEED, SCALE, FAULTY).records());
        search.refresh();
        products = search.products();
    }

    @Test
    void everyVisitOutsideTheOutageIsASessionWithItsExperimentsAndConversion() {
        var kept = year.sessions().stream()
                .filter(session -> !SearchSimulator.inOutage(session.startedAt()))
                .toList();
        assertThat(search.published("search_sessions").snapshot().rowCount())
                .isEqualTo(kept.size())
                .isEqualTo(truth.sessions());
        assertThat(products.count("SELECT count(DISTINCT session_id) FROM search.search_sessions"))
                .isEqualTo(kept.size());

        // the product-page test: visits per variant
        var variants = kept.stream().collect(Collectors.groupingBy(Session::productPageVariant, Collectors.counting()));
        assertThat(products.counts("SELECT product_page_variant, count(*) FROM search.search_sessions GROUP BY ALL"))
                .isEqualTo(variants)
                .isEqualTo(truth.sessionsByVariant());

        // the free-shipping experiment: Black Week visits per arm, none outside Black Week
        var offers = kept.stream()
                .collect(Collectors.groupingBy(
                        session -> String.valueOf(session.freeShippingOffered().orElse(null)), Collectors.counting()));
        assertThat(products.counts("SELECT free_shipping_offered, count(*) FROM search.search_sessions GROUP BY ALL"))
                .isEqualTo(offers);

        // conversion: the year's orders whose visit is not lost
        var startOf = year.sessions().stream().collect(Collectors.toMap(Session::id, Session::startedAt));
        long converted = year.orders().stream()
                .filter(order -> !SearchSimulator.inOutage(startOf.get(order.sessionId())))
                .count();
        assertThat(products.count("SELECT count(*) FROM search.search_sessions WHERE converted"))
                .isEqualTo(converted)
                .isEqualTo(truth.convertedSessions());

        // searches and clicks that were sent, of visits that were sent
        assertThat(products.count("SELECT sum(searches) FROM search.search_sessions"))
                .isEqualTo(kept.stream()
                        .mapToLong(session -> session.searches().stream()
                                .filter(search -> !SearchSimulator.inOutage(search.at()))
                                .count())
                        .sum());
        assertThat(products.count("SELECT sum(clicks) FROM search.search_sessions"))
                .isEqualTo(kept.stream()
                        .mapToLong(session -> session.searches().stream()
                                .flatMap(search -> search.click().stream())
                                .filter(click -> !SearchSimulator.inOutage(click.at()))
                                .count())
                        .sum());

        // one visit, as it happened
        var visit = kept.stream()
                .filter(session ->
                        session.orderId().isPresent() && session.searches().size() > 1)
                .filter(session -> session.searches().stream()
                        .anyMatch(search -> search.click().isPresent()))
                .findFirst()
                .orElseThrow();
        assertThat(products.row("SELECT customer_id, epoch_ms(started_at), product_page_variant, free_shipping_offered,"
                        + " searches, clicks, order_id, converted FROM search.search_sessions WHERE session_id = '"
                        + visit.id() + "'"))
                .isEqualTo(Arrays.asList(
                        visit.customerId(),
                        visit.startedAt().toEpochMilli(),
                        visit.productPageVariant(),
                        visit.freeShippingOffered().orElse(null),
                        visit.searches().size(),
                        (int) visit.searches().stream()
                                .filter(search -> search.click().isPresent())
                                .count(),
                        visit.orderId().get(),
                        true));
    }

    @Test
    void everyQueryAndDayCountsTheSearchesAndClicksThatWereSent() {
        var searches = year.sessions().stream()
                .flatMap(session -> session.searches().stream())
                .filter(search -> !SearchSimulator.inOutage(search.at()))
                .toList();
        assertThat(products.count("SELECT sum(searches) FROM search.search_queries"))
                .isEqualTo(searches.size())
                .isEqualTo(truth.searches());
        assertThat(products.count("SELECT sum(zero_result_searches) FROM search.search_queries"))
                .isEqualTo(searches.stream()
                        .filter(search -> search.resultCount() == 0)
                        .count());
        assertThat(products.count("SELECT sum(clicks) FROM search.search_queries"))
                .isEqualTo(searches.stream()
                        .flatMap(search -> search.click().stream())
                        .filter(click -> !SearchSimulator.inOutage(click.at()))
                        .count());

        // every row is what the search service sent for its query and day, and there is no other row
        assertThat(search.published("search_queries").snapshot().rowCount())
                .isEqualTo(truth.queryDays().size());
        var published = new HashMap<QueryDay, QueryStats>();
        products.forEachRow(
                "SELECT query, day, searches, zero_result_searches, clicks, click_through_rate,"
                        + " zero_result_rate FROM search.search_queries",
                row -> {
                    var stats = new QueryStats(
                            row.getLong(3),
                            row.getLong(4),
                            row.getLong(5),
                            Math.round(row.getDouble(6) * row.getLong(3)));
                    assertThat(row.getDouble(7))
                            .isCloseTo((double) stats.zeroResultSearches() / stats.searches(), within(1e-9));
                    published.put(new QueryDay(row.getString(1), row.getObject(2, LocalDate.class)), stats);
                });
        assertThat(published).isEqualTo(truth.queryDays());

        // one query on one day, counted from the year: the visitors' capitals and spaces do not split it
        var day = LocalDate.parse("2025-11-28");
        var sneakers = searches.stream()
                .filter(search -> search.query().equals("sneakers"))
                .filter(search ->
                        LocalDate.ofInstant(search.at(), ZoneOffset.UTC).equals(day))
                .toList();
        assertThat(sneakers).isNotEmpty();
        long clicked =
                sneakers.stream().filter(search -> search.click().isPresent()).count();
        var row = products.row("SELECT searches, zero_result_searches, clicks, click_through_rate"
                + " FROM search.search_queries WHERE query = 'sneakers' AND day = DATE '" + day + "'");
        assertThat(row.subList(0, 3)).isEqualTo(Arrays.asList((long) sneakers.size(), 0L, clicked));
        assertThat((Double) row.get(3)).isCloseTo((double) clicked / sneakers.size(), within(1e-9));
    }

    @Test
    void cleaningRedactedEveryEmailAddressAndPhoneNumberTypedIntoTheSearchBox() {
        assertThat(search.cleaning().changed())
                .containsEntry("redacted/SearchPerformed /query email", truth.emailsInQueries())
                .containsEntry("redacted/SearchPerformed /query phone", truth.phonesInQueries())
                .doesNotContainKey("redacted/SearchPerformed /query iban");
        assertThat(products.count(
                        "SELECT coalesce(sum(searches), 0) FROM search.search_queries WHERE query = '[email]'"))
                .isEqualTo(truth.emailsInQueries());
        assertThat(products.count(
                        "SELECT coalesce(sum(searches), 0) FROM search.search_queries WHERE query = '[phone]'"))
                .isEqualTo(truth.phonesInQueries());
        assertThat(products.count("SELECT count(*) FROM search.search_queries WHERE query LIKE '%@%'"
                        + " OR regexp_matches(query, '\\+[1-9][0-9]{0,2}[ ./-]?[0-9]')"))
                .isZero();
    }

    @Test
    void cleaningReportsTheHoursTheSearchServiceLostAndNoOther() {
        assertThat(search.cleaning().gaps())
                .containsExactly(new Gap(
                        SearchEvents.SESSION_STARTED.name(),
                        SearchSimulator.OUTAGE_FROM,
                        SearchSimulator.OUTAGE_UNTIL,
                        6,
                        Duration.ofHours(1)));
    }

    @Test
    void everyPlantedFaultIsQuarantinedOrRepairedAndNothingVanished() {
        search.assertQuarantined(truth.delivery());
        search.assertNothingVanished(
                truth.delivery(),
                Map.of(
                        "session_started", truth.sessions(),
                        "search_performed", truth.searches(),
                        "result_clicked", truth.clicks()));
    }

    @Test
    void bothProductsFulfilTheirContractsAndTheMeshPolicies() {
        search.assertEveryProductPassedTheGates();
    }
}
