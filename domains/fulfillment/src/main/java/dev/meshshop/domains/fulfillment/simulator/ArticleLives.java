package dev.meshshop.domains.fulfillment.simulator;

import dev.meshshop.domains.fulfillment.erp.ArticleCatalogue;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What happens to the ERP's article catalogue over the year, planted: every article of the shop is listed when
 * the year starts; each shelf warmer is marked down by {@link #MARKDOWN} in the second half of the year and delisted
 * weeks later (it never sells, so no order contradicts its price); and {@link #ENTERED_IN_ERROR} articles that do
 * not exist are entered by mistake and deleted again. Drawn from a random stream of its own, so the rest of the year
 * stays as it was. Deterministic for the year's seed.
 */
public final class ArticleLives {

    /** The share a shelf warmer's price is marked down by. */
    public static final BigDecimal MARKDOWN = new BigDecimal("0.30");

    /** How many articles are entered in error during the year, and deleted again. */
    public static final int ENTERED_IN_ERROR = 4;

    static final Instant MARKDOWNS_FROM = Instant.parse("2025-08-01T00:00:00Z");
    static final Instant MARKDOWNS_UNTIL = Instant.parse("2025-10-01T00:00:00Z");

    /** One change of the catalogue, in the order the ERP makes them. */
    public record Change(Kind kind, String sku, String category, BigDecimal price, String status, Instant at) {

        public enum Kind {
            LISTED,
            REPRICED,
            DELISTED,
            DELETED
        }

        /** Makes this change through the ERP's catalogue. */
        public void applyTo(ArticleCatalogue catalogue) {
            switch (kind) {
                case LISTED -> catalogue.list(sku, category, price, at);
                case REPRICED -> catalogue.reprice(sku, price, at);
                case DELISTED -> catalogue.delist(sku, at);
                case DELETED -> catalogue.delete(sku);
            }
        }
    }

    private final List<Change> changes;

    public ArticleLives(ShopYear year) {
        var random = new SplittableRandom(year.seed() ^ 0xBB67AE8584CAA73BL);
        var planned = new ArrayList<Change>();
        for (ShopYear.Article article : year.articles()) {
            planned.add(new Change(
                    Change.Kind.LISTED,
                    article.sku(),
                    article.category(),
                    article.price(),
                    "listed",
                    ShopCalendar.YEAR_START));
            if (article.shelfWarmer()) {
                var reduced = article.price()
                        .multiply(BigDecimal.ONE.subtract(MARKDOWN))
                        .setScale(2, RoundingMode.HALF_UP);
                Instant markedDown = between(random, MARKDOWNS_FROM, MARKDOWNS_UNTIL);
                planned.add(new Change(
                        Change.Kind.REPRICED, article.sku(), article.category(), reduced, "listed", markedDown));
                Instant delisted = between(random, markedDown.plus(Duration.ofDays(14)), ShopCalendar.YEAR_END);
                planned.add(new Change(
                        Change.Kind.DELISTED, article.sku(), article.category(), reduced, "delisted", delisted));
            }
        }
        for (int i = 1; i <= ENTERED_IN_ERROR; i++) {
            var category =
                    year.articles().get(random.nextInt(year.articles().size())).category();
            var price = BigDecimal.valueOf(100 + random.nextInt(9_900), 2);
            Instant entered = between(random, ShopCalendar.YEAR_START.plus(Duration.ofDays(1)), MARKDOWNS_FROM);
            String sku = "ERR-" + i;
            planned.add(new Change(Change.Kind.LISTED, sku, category, price, "listed", entered));
            planned.add(new Change(
                    Change.Kind.DELETED,
                    sku,
                    category,
                    price,
                    "listed",
                    entered.plus(Duration.ofMinutes(10 + random.nextInt(600)))));
        }
        planned.sort(Comparator.comparing(Change::at));
        this.changes = List.copyOf(planned);
    }

    /** Every change of the year, in time order. */
    public List<Change> changes() {
        return changes;
    }

    private static Instant between(SplittableRandom random, Instant from, Instant to) {
        long span = Duration.between(from, to).toSeconds();
        return span <= 1 ? from : from.plusSeconds(random.nextLong(span));
    }
}
