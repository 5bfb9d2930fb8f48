package dev.meshshop.domains.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.meshshop.domains.fulfillment.erp.ArticleCatalogue;
import dev.meshshop.domains.fulfillment.events.FulfillmentEvents;
import dev.meshshop.domains.fulfillment.simulator.ArticleLives;
import dev.meshshop.domains.fulfillment.simulator.ArticleLives.Change;
import dev.meshshop.domains.fulfillment.simulator.ErpSimulator;
import dev.meshshop.domains.fulfillment.simulator.FulfillmentSimulator;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.starter.DomainCaptures;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Fulfillment's ERP, end to end through change data capture: the ERP changes its article catalogue in
 * fulfillment's operational database (a real PostgreSQL) as the year's {@link ArticleLives} say; the platform's
 * capture (Debezium) reads the changes from the database's log onto fulfillment's topic, and is stopped in the
 * middle while the ERP goes on. The mesh ingests, cleans and publishes fulfillment.article_history and
 * fulfillment.articles, which must equal every change the ERP made, in order, and the catalogue its database holds
 * at the end.
 */
@MeshPathTest
@TestPropertySource(properties = "mesh.operational.mode=embedded")
class ErpCapturePathTests {

    @RegisterExtension
    static final DomainPath fulfillment = DomainPath.of(FulfillmentDomain.NAME);

    static final ShopYear year = SimulatedShop.year(20251128, 0.01);
    static final Duration CAPTURED_WITHIN = Duration.ofSeconds(90);

    static List<Change> changes;
    /** When the changes made while the capture was stopped began to commit, and when the last had committed. */
    static Instant secondHalfFrom;

    static Instant secondHalfUntil;

    record State(
            String sku,
            String category,
            BigDecimal price,
            String status,
            Instant validFrom,
            Instant validTo,
            boolean deleted) {}

    @BeforeAll
    static void changeTheCatalogueWithTheCaptureStoppedInTheMiddle() {
        CheckoutOrdersStandIn.publish(fulfillment.layout(), year.orders());
        fulfillment.send(new FulfillmentSimulator(year, Faults.NONE, 0).records());

        changes = new ArticleLives(year).changes();
        var catalogue = new ArticleCatalogue(fulfillment.operationalDatabase());
        catalogue.migrate();
        var captures = fulfillment.bean(DomainCaptures.class);
        captures.awaitStreaming(ErpSimulator.CAPTURE, CAPTURED_WITHIN);

        // the first half, captured as it happens; then the capture stops and the ERP goes on without it
        int half = changes.size() / 2;
        changes.subList(0, half).forEach(change -> change.applyTo(catalogue));
        awaitCapturedInRawZone(half);
        captures.stop(ErpSimulator.CAPTURE);
        secondHalfFrom = Instant.now();
        changes.subList(half, changes.size()).forEach(change -> change.applyTo(catalogue));
        secondHalfUntil = Instant.now();
        captures.start(ErpSimulator.CAPTURE);
        awaitCapturedInRawZone(changes.size());

        fulfillment.refresh();
    }

    static void awaitCapturedInRawZone(long changes) {
        await().atMost(CAPTURED_WITHIN)
                .until(() -> fulfillment
                                .area()
                                .queryLong("SELECT count(DISTINCT event_id) FROM raw.events WHERE topic = '"
                                        + FulfillmentEvents.ARTICLE_CHANGED.topic() + "'")
                        >= changes);
    }

    @Test
    void everyChangeWasCapturedOnceDespiteTheStop() {
        assertThat(changes.stream().filter(change -> change.kind() == Change.Kind.DELETED))
                .hasSize(ArticleLives.ENTERED_IN_ERROR);
        assertThat(fulfillment.area().queryLong("SELECT count(*) FROM clean.article_changed"))
                .isEqualTo(changes.size());
        assertThat(fulfillment.cleaning().balanced()).isTrue();
    }

    @Test
    void theHistoryIsEveryChangeOfEveryArticleInOrder() {
        var expected = expectedHistory();
        var published = fulfillment
                .products()
                .records(
                        """
                        SELECT sku, category, price, status, valid_from, valid_to, deleted
                        FROM fulfillment.article_history ORDER BY sku, valid_from""",
                        Row.class)
                .stream()
                .map(Row::state)
                .toList();
        assertThat(published).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            var want = expected.get(i);
            var got = published.get(i);
            if (want.deleted()) {
                // the log knows when a delete committed, not a moment of the simulated year
                assertThat(got.validTo()).isBetween(secondHalfFrom.minusSeconds(1), secondHalfUntil.plusSeconds(1));
                got = new State(
                        got.sku(), got.category(), got.price(), got.status(), got.validFrom(), null, got.deleted());
            }
            assertThat(got).as("state %d", i).isEqualTo(want);
        }
        // the shelf warmers: listed, marked down, delisted
        var shelfWarmers =
                year.articles().stream().filter(ShopYear.Article::shelfWarmer).toList();
        assertThat(shelfWarmers).isNotEmpty();
        for (var article : shelfWarmers) {
            assertThat(published.stream().filter(state -> state.sku().equals(article.sku())))
                    .extracting(State::status)
                    .containsExactly("listed", "listed", "delisted");
        }
    }

    @Test
    void theLatestStatesAreTheArticlesTheErpHolds() {
        var inDatabase = JdbcClient.create(fulfillment.operationalDatabase())
                .sql("SELECT id, category, price::text, status FROM article ORDER BY id")
                .query((row, number) -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)))
                .list();
        assertThat(inDatabase).hasSize(year.articles().size());
        assertThat(fulfillment
                        .products()
                        .rows("SELECT sku, category, price::VARCHAR, status FROM fulfillment.articles ORDER BY sku"))
                .isEqualTo(inDatabase);
    }

    @Test
    void productsFulfilTheirContractsAndTheMeshsPolicies() {
        fulfillment.assertEveryProductPassedTheGates();
    }

    /** The history the changes make; a state ended by a delete has no valid_to here (see the test). */
    static List<State> expectedHistory() {
        var bySku = new LinkedHashMap<String, List<Change>>();
        changes.forEach(change ->
                bySku.computeIfAbsent(change.sku(), sku -> new ArrayList<>()).add(change));
        var states = new ArrayList<State>();
        for (Map.Entry<String, List<Change>> article : bySku.entrySet()) {
            var its = article.getValue();
            for (int i = 0; i < its.size(); i++) {
                var change = its.get(i);
                if (change.kind() == Change.Kind.DELETED) {
                    continue;
                }
                var next = i + 1 < its.size() ? its.get(i + 1) : null;
                boolean deleted = next != null && next.kind() == Change.Kind.DELETED;
                states.add(new State(
                        change.sku(),
                        change.category(),
                        change.price(),
                        change.status(),
                        change.at(),
                        next == null || deleted ? null : next.at(),
                        deleted));
            }
        }
        states.sort(Comparator.comparing(State::sku).thenComparing(State::validFrom));
        return states;
    }

    /** A row of fulfillment.article_history as JDBC reads it. */
    record Row(
            String sku,
            String category,
            BigDecimal price,
            String status,
            Timestamp validFrom,
            Timestamp validTo,
            Boolean deleted) {

        State state() {
            return new State(
                    sku,
                    category,
                    price,
                    status,
                    instant(validFrom),
                    validTo == null ? null : instant(validTo),
                    deleted);
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
    }
}
