package dev.meshshop.platform.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.meshshop.platform.operational.EntityChange.Operation;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Debezium on a real PostgreSQL: what a legacy system does to its table arrives as entity changes, every insert,
 * update and delete in order, also across a stop of the capture in the middle and a sink that failed once.
 */
class ChangeCaptureTests extends WithOperationalDatabases {

    /** A legacy price list that the domain cannot change: it only writes its table. */
    static final class PriceList {

        final JdbcTemplate jdbc;
        final List<String> truth = new ArrayList<>();
        Instant clock = Instant.parse("2025-01-01T08:00:00Z");

        PriceList(DataSource database) {
            jdbc = new JdbcTemplate(database);
            jdbc.execute("CREATE TABLE articles (id text PRIMARY KEY, price numeric(10, 2) NOT NULL,"
                    + " listed boolean NOT NULL, changed_at timestamptz NOT NULL)");
        }

        void list(String sku, String price) {
            clock = clock.plus(Duration.ofDays(1));
            jdbc.update("INSERT INTO articles VALUES (?, ?::numeric, true, ?)", sku, price, Timestamp.from(clock));
            truth.add(sku + " CREATED " + price + " true " + clock);
        }

        void reprice(String sku, String price) {
            clock = clock.plus(Duration.ofDays(1));
            jdbc.update(
                    "UPDATE articles SET price = ?::numeric, changed_at = ? WHERE id = ?",
                    price,
                    Timestamp.from(clock),
                    sku);
            boolean listed = jdbc.queryForObject("SELECT listed FROM articles WHERE id = ?", Boolean.class, sku);
            truth.add(sku + " UPDATED " + price + " " + listed + " " + clock);
        }

        void delist(String sku) {
            clock = clock.plus(Duration.ofDays(1));
            jdbc.update("UPDATE articles SET listed = false, changed_at = ? WHERE id = ?", Timestamp.from(clock), sku);
            String price = jdbc.queryForObject("SELECT price::text FROM articles WHERE id = ?", String.class, sku);
            truth.add(sku + " UPDATED " + price + " false " + clock);
        }

        void delete(String sku) {
            var last = jdbc.queryForMap("SELECT price::text AS price, listed FROM articles WHERE id = ?", sku);
            jdbc.update("DELETE FROM articles WHERE id = ?", sku);
            // a deleted row has no change time of its own: the commit's time stands for it
            truth.add(sku + " DELETED " + last.get("price") + " " + last.get("listed") + " (commit time)");
        }
    }

    static List<String> history(List<EntityChange> delivered) {
        return once(delivered).stream()
                .map(change -> change.key() + " " + change.operation() + " "
                        + change.state().get("price") + " "
                        + change.state().get("listed") + " "
                        + (change.operation() == Operation.DELETED ? "(commit time)" : change.changedAt()))
                .toList();
    }

    static final ChangeCapture.Refusals NONE_REFUSED = (event, reason) -> {
        throw new AssertionError("refused " + reason + ": " + event);
    };

    ChangeCapture.Settings settings(String name) {
        return new ChangeCapture.Settings(
                name, databases.server(), name, List.of("articles"), "changed_at", dir.resolve(name + ".offsets"));
    }

    @Test
    void everyInsertUpdateAndDeleteArrivesInOrderAcrossAStopOfTheCapture() {
        var database = databases.database("legacy_prices");
        var prices = new PriceList(database);
        prices.list("sku-1", "19.99"); // before the capture's first start: read from the table as it is
        var delivered = new CopyOnWriteArrayList<EntityChange>();

        try (var capture = ChangeCapture.start(settings("legacy_prices"), database, delivered::addAll, NONE_REFUSED)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> history(delivered).size() == 1);
            prices.list("sku-2", "5.00");
            prices.reprice("sku-1", "17.49");
            prices.delist("sku-2");
            prices.delete("sku-1");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> history(delivered).size() == prices.truth.size());
        }
        // what the system does while the capture is down waits in the log
        prices.list("sku-3", "42.00");
        prices.reprice("sku-3", "39.90");
        prices.delete("sku-2");
        prices.reprice("sku-3", "44.10");
        try (var capture = ChangeCapture.start(settings("legacy_prices"), database, delivered::addAll, NONE_REFUSED)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> history(delivered).size() == prices.truth.size());
        }

        assertThat(history(delivered)).containsExactlyElementsOf(prices.truth);
        for (String sku : List.of("sku-1", "sku-2", "sku-3")) {
            assertThat(delivered.stream()
                            .filter(change -> change.key().equals(sku))
                            .map(EntityChange::sequence)
                            .toList())
                    .as("the log order of %s's changes", sku)
                    .isSorted();
        }
        var delete = delivered.stream()
                .filter(change -> change.operation() == Operation.DELETED)
                .findFirst()
                .orElseThrow();
        assertThat(delete.changedAt())
                .as("a delete's time comes from the commit")
                .isAfter(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(delete.entity()).isEqualTo("articles");
    }

    @Test
    void aBatchTheSinkDidNotTakeComesAgain() {
        var database = databases.database("legacy_refusing");
        var prices = new PriceList(database);
        prices.list("sku-1", "1.00");
        prices.list("sku-2", "2.00");
        var calls = new AtomicInteger();
        var delivered = new CopyOnWriteArrayList<EntityChange>();
        EntityChangeSink failingOnce = changes -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the broker is away");
            }
            delivered.addAll(changes);
        };

        try (var capture = ChangeCapture.start(settings("legacy_refusing"), database, failingOnce, NONE_REFUSED)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> history(delivered).size() == 2);
            prices.reprice("sku-2", "2.50");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> history(delivered).size() == prices.truth.size());
        }

        assertThat(calls.get()).isGreaterThan(1);
        assertThat(history(delivered)).containsExactlyElementsOf(prices.truth);
    }

    @Test
    void aRowWithoutItsTimeOfChangeIsSetAsideWithItsReasonAndTheRestGoesOn() {
        var database = databases.database("legacy_sloppy");
        var jdbc = new JdbcTemplate(database);
        jdbc.execute("CREATE TABLE articles (id text PRIMARY KEY, price numeric(10, 2), listed boolean,"
                + " changed_at timestamptz)");
        var delivered = new CopyOnWriteArrayList<EntityChange>();
        var refused = new CopyOnWriteArrayList<String>();

        try (var capture = ChangeCapture.start(
                settings("legacy_sloppy"), database, delivered::addAll, (event, reason) -> refused.add(reason))) {
            capture.awaitStreaming(Duration.ofSeconds(60));
            jdbc.update("INSERT INTO articles VALUES ('sku-1', 1.00, true, NULL)");
            jdbc.update("INSERT INTO articles VALUES ('sku-2', 2.00, true, TIMESTAMPTZ '2025-05-01 00:00:00+00')");
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 1 && refused.size() == 1);
        }

        assertThat(delivered).extracting(EntityChange::key).containsExactly("sku-2");
        assertThat(refused.get(0))
                .contains("row sku-1 of articles")
                .contains("column changed_at")
                .contains("must set it");
    }

    @Test
    void aTableThatIsNotThereIsNamedInTheError() {
        var database = databases.database("legacy_empty");
        assertThatThrownBy(() -> ChangeCapture.start(settings("legacy_empty"), database, changes -> {}, NONE_REFUSED))
                .hasMessageContaining("legacy_empty")
                .hasMessageContaining("[articles]")
                .hasMessageContaining("do they exist");
        assertThatThrownBy(() -> new ChangeCapture.Settings(
                        "x", databases.server(), "x", List.of("public.articles; drop"), "changed_at", dir))
                .hasMessageContaining("not a plain table name");
    }
}
