package dev.meshshop.domains.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.meshshop.domains.search.events.SearchEvents;
import dev.meshshop.domains.search.simulator.SearchFaults;
import dev.meshshop.domains.search.simulator.SearchSimulator;
import dev.meshshop.domains.search.simulator.SearchTruth;
import dev.meshshop.domains.search.simulator.SearchTruth.QueryDay;
import dev.meshshop.domains.search.simulator.SearchTruth.QueryStats;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.pipelines.Gap;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Session;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.MeshRuntime;
import dev.meshshop.platform.starter.Simulations;
import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.StandInProducts;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Search end to end, in one JVM: the simulated search service sends a year of visits, searches and clicks, with
 * its faults, to a real Kafka broker; the platform ingests, cleans (Beam, direct runner), models and publishes
 * search_queries and search_sessions, the latter joined with a stand-in of checkout.orders built from the same
 * year. The products must equal the year as it happened, minus the six hours the service lost, and every planted
 * fault must be repaired or quarantined, exactly as often as it was planted.
 */
@SpringBootTest(
        classes = SearchPathTests.MeshApplication.class,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "mesh.runner=direct",
            "mesh.refresh-interval=0s",
            "mesh.as-of=2026-01-01T00:00:00Z"
        })
@EmbeddedKafka(kraft = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPathTests {

    static final long SEED = 20251124;
    static final double SCALE = 0.001; // the floor of one visit per hour: about 27,000 events

    /**
     * Faults far above their typical rates, except duplicates: on the direct runner each duplicated event id costs
     * a bundle of its own in every step after deduplication (about 0.4 s each on two busy cores), so a few dozen
     * are planted rather than hundreds. Malformed records and contact data cost nothing extra.
     */
    static final SearchFaults FAULTY = new SearchFaults(new Faults(0.001, 0.01), 0.25, true);

    /** Under target, not a JUnit temporary folder: the context, and so the data, exists before class callbacks. */
    static final Path DATA_DIR = Path.of("target/search-path-tests").toAbsolutePath();

    @Autowired
    MeshRuntime mesh;

    @Autowired
    Simulations simulations;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Autowired
    MeshLayout layout;

    ShopYear year;
    SearchTruth truth;
    CleaningReport report;
    PublishedPort queries;
    PublishedPort sessions;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class MeshApplication {}

    @DynamicPropertySource
    static void freshDataDir(DynamicPropertyRegistry registry) {
        Folders.deleteRecursively(DATA_DIR);
        registry.add("mesh.data-dir", DATA_DIR::toString);
    }

    @BeforeAll
    void runTheSearchServiceForAYear() {
        year = SimulatedShop.year(SEED, SCALE);
        truth = new SearchSimulator(SEED, SCALE, FAULTY).truth();
        // the faults this test is about must be planted at all
        assertThat(truth.delivery().duplicates()).isPositive();
        assertThat(truth.delivery().notJson()).isPositive();
        assertThat(truth.delivery().noEventId()).isPositive();
        assertThat(truth.delivery().unknownType()).isPositive();
        assertThat(truth.emailsInQueries()).isPositive();
        assertThat(truth.phonesInQueries()).isPositive();
        assertThat(truth.lostSessions()).isPositive();

        publishCheckoutOrdersAsCheckoutWould(year.orders());
        var sent = simulations.send(SearchDomain.NAME, new SearchSimulator(SEED, SCALE, FAULTY).records(), count -> {});
        assertThat(sent.records()).isEqualTo(truth.delivery().records());

        var search = mesh.domain(SearchDomain.NAME);
        try (var admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> search.ingestRemaining(admin) == 0);
        }
        report = search.refresh().cleaning();
        var directory = new MeshDirectory(layout);
        queries = directory.latest(ProductId.parse("search.search_queries")).orElseThrow();
        sessions = directory.latest(ProductId.parse("search.search_sessions")).orElseThrow();
    }

    @Test
    void everyVisitOutsideTheOutageIsASessionWithItsExperimentsAndConversion() throws SQLException {
        var kept = year.sessions().stream()
                .filter(session -> !SearchSimulator.inOutage(session.startedAt()))
                .toList();
        assertThat(sessions.snapshot().rowCount()).isEqualTo(kept.size()).isEqualTo(truth.sessions());
        assertThat(query(sessions, "SELECT count(DISTINCT session_id) FROM %s")).isEqualTo(kept.size());

        // the product-page test: visits per variant
        var variants = kept.stream().collect(Collectors.groupingBy(Session::productPageVariant, Collectors.counting()));
        assertThat(countsBy(sessions, "product_page_variant"))
                .isEqualTo(variants)
                .isEqualTo(truth.sessionsByVariant());

        // the free-shipping experiment: Black Week visits per arm, none outside Black Week
        var offers = kept.stream()
                .collect(Collectors.groupingBy(
                        session -> String.valueOf(session.freeShippingOffered().orElse(null)), Collectors.counting()));
        assertThat(countsBy(sessions, "free_shipping_offered")).isEqualTo(offers);

        // conversion: the year's orders whose visit is not lost
        var startOf = year.sessions().stream().collect(Collectors.toMap(Session::id, Session::startedAt));
        long converted = year.orders().stream()
                .filter(order -> !SearchSimulator.inOutage(startOf.get(order.sessionId())))
                .count();
        assertThat(query(sessions, "SELECT count(*) FROM %s WHERE converted"))
                .isEqualTo(converted)
                .isEqualTo(truth.convertedSessions());

        // searches and clicks that were sent, of visits that were sent
        assertThat(query(sessions, "SELECT sum(searches) FROM %s"))
                .isEqualTo(kept.stream()
                        .mapToLong(session -> session.searches().stream()
                                .filter(search -> !SearchSimulator.inOutage(search.at()))
                                .count())
                        .sum());
        assertThat(query(sessions, "SELECT sum(clicks) FROM %s"))
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
        int rows = forEachRow(
                sessions,
                "SELECT customer_id, started_at, product_page_variant, free_shipping_offered, searches, clicks,"
                        + " order_id, converted FROM %s WHERE session_id = '" + visit.id() + "'",
                row -> {
                    assertThat(row.getString(1)).isEqualTo(visit.customerId());
                    assertThat(row.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC))
                            .isEqualTo(visit.startedAt());
                    assertThat(row.getString(3)).isEqualTo(visit.productPageVariant());
                    assertThat(Optional.ofNullable((Boolean) row.getObject(4))).isEqualTo(visit.freeShippingOffered());
                    assertThat(row.getInt(5)).isEqualTo(visit.searches().size());
                    assertThat(row.getLong(6))
                            .isEqualTo(visit.searches().stream()
                                    .filter(search -> search.click().isPresent())
                                    .count());
                    assertThat(row.getString(7)).isEqualTo(visit.orderId().get());
                    assertThat(row.getBoolean(8)).isTrue();
                });
        assertThat(rows).isOne();
    }

    @Test
    void everyQueryAndDayCountsTheSearchesAndClicksThatWereSent() throws SQLException {
        var searches = year.sessions().stream()
                .flatMap(session -> session.searches().stream())
                .filter(search -> !SearchSimulator.inOutage(search.at()))
                .toList();
        assertThat(query(queries, "SELECT sum(searches) FROM %s"))
                .isEqualTo(searches.size())
                .isEqualTo(truth.searches());
        assertThat(query(queries, "SELECT sum(zero_result_searches) FROM %s"))
                .isEqualTo(searches.stream()
                        .filter(search -> search.resultCount() == 0)
                        .count());
        assertThat(query(queries, "SELECT sum(clicks) FROM %s"))
                .isEqualTo(searches.stream()
                        .flatMap(search -> search.click().stream())
                        .filter(click -> !SearchSimulator.inOutage(click.at()))
                        .count());

        // every row is what the search service sent for its query and day, and there is no other row
        assertThat(queries.snapshot().rowCount()).isEqualTo(truth.queryDays().size());
        var published = new HashMap<QueryDay, QueryStats>();
        forEachRow(
                queries,
                "SELECT query, day, searches, zero_result_searches, clicks, click_through_rate,"
                        + " zero_result_rate FROM %s",
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
        int rows = forEachRow(
                queries,
                "SELECT searches, zero_result_searches, clicks, click_through_rate FROM %s"
                        + " WHERE query = 'sneakers' AND day = DATE '" + day + "'",
                row -> {
                    assertThat(row.getLong(1)).isEqualTo(sneakers.size());
                    assertThat(row.getLong(2)).isZero();
                    assertThat(row.getLong(3)).isEqualTo(clicked);
                    assertThat(row.getDouble(4)).isCloseTo((double) clicked / sneakers.size(), within(1e-9));
                });
        assertThat(rows).isOne();
    }

    @Test
    void cleaningRedactedEveryEmailAddressAndPhoneNumberTypedIntoTheSearchBox() throws SQLException {
        assertThat(report.changed())
                .containsEntry("redacted/SearchPerformed /query email", truth.emailsInQueries())
                .containsEntry("redacted/SearchPerformed /query phone", truth.phonesInQueries())
                .doesNotContainKey("redacted/SearchPerformed /query iban");
        assertThat(query(queries, "SELECT coalesce(sum(searches), 0) FROM %s WHERE query = '[email]'"))
                .isEqualTo(truth.emailsInQueries());
        assertThat(query(queries, "SELECT coalesce(sum(searches), 0) FROM %s WHERE query = '[phone]'"))
                .isEqualTo(truth.phonesInQueries());
        assertThat(query(
                        queries,
                        "SELECT count(*) FROM %s WHERE query LIKE '%%@%%'"
                                + " OR regexp_matches(query, '\\+[1-9][0-9]{0,2}[ ./-]?[0-9]')"))
                .isZero();
    }

    @Test
    void cleaningReportsTheHoursTheSearchServiceLostAndNoOther() {
        assertThat(report.gaps())
                .containsExactly(new Gap(
                        SearchEvents.SESSION_STARTED.name(),
                        SearchSimulator.OUTAGE_FROM,
                        SearchSimulator.OUTAGE_UNTIL,
                        6,
                        Duration.ofHours(1)));
    }

    @Test
    void everyPlantedFaultIsQuarantinedOrRepairedAndNothingVanished() {
        var area = mesh.domain(SearchDomain.NAME).area();
        assertThat(area.quarantinedByRule())
                .isEqualTo(Map.of(
                        "ingest/not-json", truth.delivery().notJson(),
                        "ingest/no-event-id", truth.delivery().noEventId(),
                        "ingest/unknown-type", truth.delivery().unknownType(),
                        "clean/duplicate", truth.delivery().duplicates()));
        assertThat(area.queryLong("SELECT count(*) FROM quarantine.records WHERE reason = '' OR original IS NULL"))
                .isZero();

        // nothing vanished: every record Kafka delivered is a clean row or in quarantine
        long quarantinedAtIngest = area.queryLong("SELECT count(*) FROM quarantine.records WHERE stage = 'ingest'");
        assertThat(report.balanced()).isTrue();
        assertThat(report.input() + quarantinedAtIngest)
                .isEqualTo(truth.delivery().records());
        assertThat(report.cleanRows())
                .isEqualTo(Map.of(
                        "session_started", truth.sessions(),
                        "search_performed", truth.searches(),
                        "result_clicked", truth.clicks()));
    }

    @Test
    void bothProductsFulfilTheirContractsAndTheMeshPolicies() throws SQLException {
        for (var port : List.of(queries, sessions)) {
            assertThat(port.audits())
                    .extracting(audit -> audit.gate() + " blocks=" + audit.blocks())
                    .containsExactlyInAnyOrder("contract blocks=false", "governance blocks=false");
            assertThat(port.audits())
                    .filteredOn(audit -> audit.gate().equals("governance"))
                    .singleElement()
                    .satisfies(audit -> assertThat(audit.reportJson())
                            .contains("\"id\":\"no-personal-data-in-clear\",")
                            .doesNotContain("\"status\":\"failed\""));
            // a consumer can test the snapshot too, as of the end of the simulated year
            var name = port.product().name();
            var contract = ContractAssertions.assertValidContract(
                    Path.of("src/main/resources/mesh/search/products", name, name + ".odcs.yaml"));
            var tested = ContractTester.create()
                    .withClock(Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC))
                    .testParquet(port.dataFile().toString(), contract);
            assertThat(tested.blocks()).as(tested::toText).isFalse();
        }
    }

    /** Publishes checkout.orders from the year's orders, with the columns search reads, as checkout would. */
    private void publishCheckoutOrdersAsCheckoutWould(List<ShopYear.Order> orders) {
        StandInProducts.publish(layout, "stand-ins/checkout/orders", connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(
                        "CREATE TABLE model.orders (order_id VARCHAR, session_id VARCHAR, purchased_at TIMESTAMP)");
            }
            try (var insert = connection.prepareStatement("INSERT INTO model.orders VALUES (?, ?, ?)")) {
                for (var order : orders) {
                    insert.setString(1, order.id());
                    insert.setString(2, order.sessionId());
                    insert.setObject(3, LocalDateTime.ofInstant(order.purchasedAt(), ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    private static Map<String, Long> countsBy(PublishedPort port, String column) throws SQLException {
        var counts = new HashMap<String, Long>();
        forEachRow(
                port,
                "SELECT " + column + ", count(*) FROM %s GROUP BY ALL",
                row -> counts.put(String.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }

    private static long query(PublishedPort port, String sql) throws SQLException {
        var values = new ArrayList<Long>();
        forEachRow(port, sql, row -> values.add(row.getLong(1)));
        assertThat(values).as(sql).hasSize(1);
        return values.get(0);
    }

    /**
     * Reads a published product the way any consumer would: DuckDB over the Parquet file, no area involved.
     * Returns how many rows the query returned.
     */
    private static int forEachRow(PublishedPort port, String sql, RowReader reader) throws SQLException {
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var result = connection
                        .createStatement()
                        .executeQuery(sql.formatted("read_parquet('" + port.dataFile() + "')"))) {
            int rows = 0;
            while (result.next()) {
                reader.read(result);
                rows++;
            }
            return rows;
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }
}
