package dev.meshshop.platform.simulation;

import static dev.meshshop.platform.simulation.ShopCalendar.inBlackWeek;

import dev.meshshop.platform.simulation.ShopYear.Article;
import dev.meshshop.platform.simulation.ShopYear.Click;
import dev.meshshop.platform.simulation.ShopYear.Customer;
import dev.meshshop.platform.simulation.ShopYear.GoodsReturn;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.OrderLine;
import dev.meshshop.platform.simulation.ShopYear.Payment;
import dev.meshshop.platform.simulation.ShopYear.Refund;
import dev.meshshop.platform.simulation.ShopYear.Search;
import dev.meshshop.platform.simulation.ShopYear.Session;
import dev.meshshop.platform.simulation.ShopYear.Shipment;
import dev.meshshop.platform.simulation.ShopYear.StockLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Simulates the shop's year, deterministically for a seed; {@code scale} 1 is the size whose events, over all
 * domains, number about a million. The business effects the mesh must find are planted here, at the sizes in
 * {@link Effects}; data faults are not, because each operational system has its own (see the domains'
 * simulators).
 *
 * <p>Every hour of the year has at least one visit, whatever the scale: a shop that is open around the clock
 * never has an empty hour, so an hour without search events is a gap in the data, not a quiet night.
 */
public final class SimulatedShop {

    /** The planted business effects, as the company designed its experiments and as carriers behave. */
    public static final class Effects {

        /** Visits per year at scale 1. */
        public static final int SESSIONS_AT_SCALE_ONE = 225_000;

        public static final int CUSTOMERS_AT_SCALE_ONE = 30_000;

        public static final int ARTICLES = 500;

        /** The chance that a visit ends in an order, before the effects below. */
        public static final double BASE_CONVERSION = 0.22;

        /** The new product page (variant B) makes a visit this much more likely to end in an order... */
        public static final double PRODUCT_PAGE_B_CONVERSION_LIFT = 1.20;

        /** ...but its orders are returned more often. */
        public static final double RETURN_RATE_A = 0.10;

        public static final double RETURN_RATE_B = 0.16;

        /** Black Week brings this many times the usual visits, and each converts a little better. */
        public static final double BLACK_WEEK_TRAFFIC = 3.0;

        public static final double BLACK_WEEK_CONVERSION_LIFT = 1.25;

        /** During Black Week, customers in the free-shipping arm (half of them) convert this much better. */
        public static final double FREE_SHIPPING_CONVERSION_LIFT = 1.40;

        /** After a late delivery, a customer is this much less likely to buy for {@link #LATE_MEMORY}. */
        public static final double AFTER_LATE_DELIVERY_CONVERSION = 0.45;

        public static final Duration LATE_MEMORY = Duration.ofDays(90);

        public static final double CANCELLATION_RATE = 0.05;

        public static final double FAILED_FIRST_PAYMENT_RATE = 0.06;

        /** Searches for a misspelled term find nothing. */
        public static final double ZERO_RESULT_SEARCH_RATE = 0.08;

        /** Articles that stop selling at the start of the last six months but stay in stock. */
        public static final int SHELF_WARMERS = 15;

        public static final String FREE_SHIPPING_PROMOTION = "black-week-free-shipping";

        private Effects() {}
    }

    public static final List<String> LOCATIONS = List.of("berlin", "hamburg", "leipzig");

    static final List<String> CATEGORIES = List.of(
            "sneakers",
            "boots",
            "sandals",
            "jackets",
            "jeans",
            "shirts",
            "dresses",
            "hoodies",
            "socks",
            "hats",
            "backpacks",
            "watches",
            "sunglasses",
            "scarves",
            "gloves",
            "belts",
            "wallets",
            "umbrellas",
            "swimwear",
            "pyjamas");

    private static final List<String> CARRIERS = List.of("parcelline", "swiftpost", "greenroute");
    private static final List<String> FIRST_NAMES =
            List.of("anna", "ben", "clara", "david", "emma", "felix", "greta", "hannes", "ida", "jonas", "lena", "max");
    private static final List<String> LAST_NAMES =
            List.of("schmidt", "mueller", "weber", "wagner", "becker", "hoffmann", "koch", "richter", "klein", "wolf");
    private static final List<String> RETURN_REASONS =
            List.of("too-small", "too-large", "not-as-described", "changed-mind", "damaged");
    private static final List<String> FAILURE_REASONS =
            List.of("insufficient-funds", "card-expired", "3ds-timeout", "bank-declined");
    private static final double[] HOUR_OF_DAY = {
        0.25, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.1, 1.2, 1.4, 1.7, 2.0, 2.1, 1.9,
        1.3, 0.6
    };
    private static final int REORDER_POINT = 15;
    private static final int RESTOCK_QUANTITY = 150;
    private static final Duration RESTOCK_LEAD_TIME = Duration.ofDays(3);

    private static ShopYear lastYear;

    private SimulatedShop() {}

    /**
     * The year for {@code seed} and {@code scale}. Every domain's simulator asks for the same year, so the last
     * one is kept rather than simulated again.
     */
    public static synchronized ShopYear year(long seed, double scale) {
        if (scale <= 0) {
            throw new IllegalArgumentException("Scale must be positive, such as 1 (a year) or 0.01, was " + scale);
        }
        if (lastYear == null || lastYear.seed() != seed || lastYear.scale() != scale) {
            lastYear = new Generator(seed, scale).run();
        }
        return lastYear;
    }

    /** The price of an article: fixed, between 5.00 and 154.99. */
    static BigDecimal priceOf(int article) {
        long cents = 500 + Math.floorMod((article * 2_654_435_761L) >>> 7, 15_000L);
        return BigDecimal.valueOf(cents, 2);
    }

    static final class Generator {

        private final long seed;
        private final double scale;
        private SplittableRandom random;
        /** How fast time passes within a visit and after a purchase: 1 in the year, faster in live trading. */
        private double tempo = 1.0;
        /** What happens at or after this instant does not happen at all; null when nothing is cut. */
        private Instant end = ShopCalendar.YEAR_END;

        private final List<Customer> customers = new ArrayList<>();
        private final List<Article> articles = new ArrayList<>();
        private final double[] popularity;
        private final double[] popularityWithoutWarmers;
        private final Map<String, Instant> lastLateDelivery = new HashMap<>();
        private final List<Session> sessions = new ArrayList<>();
        private final List<OrderDraft> drafts = new ArrayList<>();
        private long ids;

        Generator(long seed, double scale) {
            this.seed = seed;
            this.scale = scale;
            this.random = new SplittableRandom(seed);
            int customerCount = (int) Math.max(100, Math.round(Effects.CUSTOMERS_AT_SCALE_ONE * scale));
            for (int i = 0; i < customerCount; i++) {
                String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
                String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
                customers.add(new Customer(
                        "c-%06d".formatted(i),
                        capitalize(first) + " " + capitalize(last),
                        first + "." + last + i + "@example.com",
                        "+49 1%02d %07d".formatted(50 + random.nextInt(30), random.nextInt(10_000_000)),
                        "DE%02d 1001 0010 %04d %04d %02d"
                                .formatted(
                                        10 + random.nextInt(89),
                                        random.nextInt(10_000),
                                        random.nextInt(10_000),
                                        random.nextInt(100))));
            }
            popularity = new double[Effects.ARTICLES];
            popularityWithoutWarmers = new double[Effects.ARTICLES];
            for (int i = 0; i < Effects.ARTICLES; i++) {
                boolean warmer = i % 33 == 7 && i / 33 < Effects.SHELF_WARMERS;
                int primary = Math.floorMod(i * 7 + 1, LOCATIONS.size());
                var locations = i % 2 == 0
                        ? List.of(LOCATIONS.get(primary), LOCATIONS.get((primary + 1) % LOCATIONS.size()))
                        : List.of(LOCATIONS.get(primary));
                articles.add(new Article(
                        "sku-%04d".formatted(i), CATEGORIES.get(i % CATEGORIES.size()), priceOf(i), locations, warmer));
                // a gentle long tail: the most popular article sells about five times as often as the least
                popularity[i] = 1.0 + 4.0 / (1 + i / 25.0);
                popularityWithoutWarmers[i] = warmer ? 0 : popularity[i];
            }
            cumulate(popularity);
            cumulate(popularityWithoutWarmers);
        }

        ShopYear run() {
            double perHour = Effects.SESSIONS_AT_SCALE_ONE * scale / ShopCalendar.HOURS;
            for (int hour = 0; hour < ShopCalendar.HOURS; hour++) {
                Instant hourStart = ShopCalendar.YEAR_START.plus(Duration.ofHours(hour));
                double expected = perHour
                        * HOUR_OF_DAY[hourStart.atZone(ZoneOffset.UTC).getHour()]
                        * (inBlackWeek(hourStart) ? Effects.BLACK_WEEK_TRAFFIC : 1.0);
                int count = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
                for (int i = 0, visits = Math.max(1, count); i < visits; i++) {
                    visit(hourStart.plusMillis(random.nextLong(3_600_000)));
                }
            }
            sessions.sort(Comparator.comparing(Session::startedAt));
            drafts.sort(Comparator.comparing(draft -> draft.purchasedAt));
            var stock = new StockKeeping(articles, random.split());
            var stockLevels = stock.run(drafts);
            var orders = drafts.stream().map(OrderDraft::order).toList();
            return new ShopYear(seed, scale, customers, sessions, orders, stockLevels, articles);
        }

        /**
         * Switches the generator from the year to live trading after it: nothing is cut at the year's end any
         * more, ids continue above every id of the year, and time within a visit and after a purchase passes
         * {@code 1 / tempo} times faster.
         */
        void goLive(long liveSeed, double liveTempo, long firstId) {
            random = new SplittableRandom(liveSeed);
            tempo = liveTempo;
            end = null;
            ids = firstId;
        }

        /**
         * The business of {@code visits} visits that start in [from, to): sessions and orders, everything that
         * follows them, and the stock changes their parcels cause, which {@code stock} keeps across calls.
         */
        ShopYear trade(long stretchSeed, Instant from, Instant to, int visits, StockKeeping stock) {
            sessions.clear();
            drafts.clear();
            long span = Math.max(1, Duration.between(from, to).toMillis());
            for (int i = 0; i < visits; i++) {
                visit(from.plusMillis(random.nextLong(span)));
            }
            sessions.sort(Comparator.comparing(Session::startedAt));
            drafts.sort(Comparator.comparing(draft -> draft.purchasedAt));
            var stockLevels = stock.advance(drafts);
            var orders = drafts.stream().map(OrderDraft::order).toList();
            return new ShopYear(stretchSeed, scale, customers, sessions, orders, stockLevels, articles);
        }

        List<Article> articles() {
            return articles;
        }

        /** {@code at} plus {@code seconds} of the shop's time, at the generator's tempo. */
        private Instant later(Instant at, long seconds) {
            return tempo == 1.0 ? at.plusSeconds(seconds) : at.plusMillis(Math.round(seconds * 1000 * tempo));
        }

        private Instant later(Instant at, Duration duration) {
            return tempo == 1.0 ? at.plus(duration) : at.plusMillis(Math.round(duration.toMillis() * tempo));
        }

        /** Whether what happens at {@code at} still happens: before the year's end, or at all in live trading. */
        private boolean happens(Instant at) {
            return end == null || at.isBefore(end);
        }

        private void visit(Instant startedAt) {
            // active customers visit more often: a skew towards the low customer numbers
            double r = random.nextDouble();
            var customer = customers.get((int) (customers.size() * r * r));
            String sessionId = "s-" + id();
            String variant = random.nextBoolean() ? "A" : "B";
            boolean blackWeek = inBlackWeek(startedAt);
            Optional<Boolean> offered = blackWeek ? Optional.of(inFreeShippingArm(customer)) : Optional.empty();

            var searches = new ArrayList<Search>();
            Instant at = startedAt;
            Click clicked = null;
            int count = 1 + (random.nextDouble() < 0.3 ? 1 : 0) + (random.nextDouble() < 0.05 ? 1 : 0);
            for (int i = 0; i < count; i++) {
                at = later(at, 5 + random.nextInt(90));
                int article = pick(at);
                String category = articles.get(article).category();
                if (random.nextDouble() < Effects.ZERO_RESULT_SEARCH_RATE) {
                    searches.add(new Search("q-" + id(), at, misspell(category), 0, Optional.empty()));
                    continue;
                }
                Optional<Click> click = Optional.empty();
                if (random.nextDouble() < 0.6) {
                    var c = new Click(
                            articles.get(article).sku(), 1 + random.nextInt(10), later(at, 3 + random.nextInt(40)));
                    click = Optional.of(c);
                    clicked = c;
                }
                searches.add(new Search("q-" + id(), at, category, 8 + random.nextInt(60), click));
            }

            double conversion = Effects.BASE_CONVERSION
                    * (variant.equals("B") ? Effects.PRODUCT_PAGE_B_CONVERSION_LIFT : 1.0)
                    * (blackWeek ? Effects.BLACK_WEEK_CONVERSION_LIFT : 1.0)
                    * (offered.orElse(false) ? Effects.FREE_SHIPPING_CONVERSION_LIFT : 1.0)
                    * (recentlyLate(customer, startedAt) ? Effects.AFTER_LATE_DELIVERY_CONVERSION : 1.0);
            Optional<String> orderId = Optional.empty();
            Instant purchasedAt = later(at, 60 + random.nextInt(600));
            if (random.nextDouble() < conversion && happens(purchasedAt)) {
                var draft = order(sessionId, customer, purchasedAt, variant, offered.orElse(false), clicked);
                drafts.add(draft);
                orderId = Optional.of(draft.id);
            }
            sessions.add(
                    new Session(sessionId, customer.id(), startedAt, variant, offered, List.copyOf(searches), orderId));
        }

        private OrderDraft order(
                String sessionId,
                Customer customer,
                Instant purchasedAt,
                String variant,
                boolean freeShipping,
                Click clicked) {
            var draft = new OrderDraft();
            draft.id = "o-" + id();
            draft.sessionId = sessionId;
            draft.customerId = customer.id();
            draft.purchasedAt = purchasedAt;
            int lineCount = 1 + (random.nextDouble() < 0.35 ? 1 : 0) + (random.nextDouble() < 0.1 ? 1 : 0);
            var skus = new ArrayList<Integer>();
            if (clicked != null) {
                skus.add(Integer.parseInt(clicked.sku().substring(4)));
            }
            while (skus.size() < lineCount) {
                int article = pick(purchasedAt);
                if (!skus.contains(article)) {
                    skus.add(article);
                }
            }
            BigDecimal total = BigDecimal.ZERO;
            for (int article : skus) {
                var line = new OrderLine(
                        articles.get(article).sku(),
                        random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(2),
                        articles.get(article).price());
                draft.lines.add(line);
                total = total.add(line.amount());
            }
            draft.total = total;
            draft.option = chooseShipping(purchasedAt);
            draft.fee = freeShipping ? BigDecimal.ZERO.setScale(2) : draft.option.fee();
            draft.promotion = freeShipping ? Optional.of(Effects.FREE_SHIPPING_PROMOTION) : Optional.empty();

            String method =
                    switch (random.nextInt(10)) {
                        case 0, 1, 2, 3, 4 -> "card";
                        case 5, 6, 7 -> "paypal";
                        default -> "sepa";
                    };
            boolean failedFirst = random.nextDouble() < Effects.FAILED_FIRST_PAYMENT_RATE;
            draft.paymentId = "p-" + id();
            draft.method = method;
            draft.failedAt = failedFirst ? Optional.of(later(purchasedAt, 2)) : Optional.empty();
            draft.failureReason = failedFirst
                    ? Optional.of(FAILURE_REASONS.get(random.nextInt(FAILURE_REASONS.size())))
                    : Optional.empty();
            draft.authorizedAt = later(purchasedAt, 5 + random.nextInt(55) + (failedFirst ? 60 : 0));

            if (random.nextDouble() < Effects.CANCELLATION_RATE) {
                Instant cancelledAt = later(purchasedAt, 600 + random.nextInt(6 * 3600));
                if (happens(cancelledAt)) {
                    draft.cancelledAt = Optional.of(cancelledAt);
                    draft.refunds.add(new Refund(
                            "r-" + id(), draft.total.add(draft.fee), later(cancelledAt, 60), "order-cancelled"));
                    return draft;
                }
            }
            ship(draft, variant);
            return draft;
        }

        private void ship(OrderDraft draft, String variant) {
            var option = draft.option;
            // express parcels leave within hours, so that a one-day promise can be kept; the others within a day
            Instant dispatchedAt = option == ShippingOption.EXPRESS
                    ? later(draft.purchasedAt, 2 * 3600 + random.nextInt(6 * 3600))
                    : later(draft.purchasedAt, 8 * 3600 + random.nextInt(22 * 3600));
            if (!happens(dispatchedAt)) {
                return;
            }
            Instant promisedBy = later(draft.purchasedAt, Duration.ofDays(option.promisedDays()));
            double onTime = inBlackWeek(draft.purchasedAt) ? option.blackWeekOnTimeRate() : option.onTimeRate();
            long promisedHours = tempo == 1.0
                    ? Duration.between(dispatchedAt, promisedBy).toHours()
                    : Math.round(Duration.between(dispatchedAt, promisedBy).toMillis() / tempo / 3_600_000);
            Instant deliveredAt;
            if (random.nextDouble() < onTime) {
                long earliest = Math.max(4, promisedHours / 2);
                deliveredAt = later(
                        dispatchedAt,
                        Duration.ofHours(earliest + random.nextLong(Math.max(1, promisedHours - earliest + 1))));
                if (deliveredAt.isAfter(promisedBy)) {
                    deliveredAt = promisedBy;
                }
                // a parcel dispatched too late for its promise cannot arrive before it left
                Instant soonestArrival = later(dispatchedAt, Duration.ofHours(4));
                if (deliveredAt.isBefore(soonestArrival)) {
                    deliveredAt = soonestArrival;
                }
            } else {
                long lateHours = option == ShippingOption.RELIABLE ? 6 + random.nextInt(24) : 12 + random.nextInt(84);
                deliveredAt = later(promisedBy, Duration.ofHours(lateHours));
            }
            draft.dispatchedAt = dispatchedAt;
            draft.promisedBy = promisedBy;
            draft.carrier = CARRIERS.get(random.nextInt(CARRIERS.size()));
            if (!happens(deliveredAt)) {
                return;
            }
            draft.deliveredAt = Optional.of(deliveredAt);
            if (deliveredAt.isAfter(promisedBy)) {
                lastLateDelivery.merge(draft.customerId, deliveredAt, (a, b) -> a.isAfter(b) ? a : b);
            }
            double returnRate = variant.equals("B") ? Effects.RETURN_RATE_B : Effects.RETURN_RATE_A;
            if (random.nextDouble() < returnRate) {
                var line = draft.lines.get(random.nextInt(draft.lines.size()));
                Instant receivedAt = later(deliveredAt, Duration.ofHours(48 + random.nextInt(12 * 24)));
                if (happens(receivedAt)) {
                    draft.goodsReturn = Optional.of(new GoodsReturn(
                            "ret-" + id(),
                            line.sku(),
                            line.quantity(),
                            receivedAt,
                            RETURN_REASONS.get(random.nextInt(RETURN_REASONS.size()))));
                    Instant refundedAt = later(receivedAt, Duration.ofHours(20));
                    if (happens(refundedAt)) {
                        draft.refunds.add(new Refund("r-" + id(), line.amount(), refundedAt, "goods-returned"));
                    }
                }
            }
        }

        private ShippingOption chooseShipping(Instant at) {
            double r = random.nextDouble();
            if (at.isBefore(ShopCalendar.RELIABLE_SHIPPING_FROM)) {
                return r < 0.8 ? ShippingOption.STANDARD : ShippingOption.EXPRESS;
            }
            return r < 0.5 ? ShippingOption.STANDARD : r < 0.65 ? ShippingOption.EXPRESS : ShippingOption.RELIABLE;
        }

        private boolean recentlyLate(Customer customer, Instant at) {
            Instant late = lastLateDelivery.get(customer.id());
            return late != null && !at.isBefore(late) && at.isBefore(later(late, Effects.LATE_MEMORY));
        }

        private int pick(Instant at) {
            var weights = at.isBefore(ShopCalendar.LAST_SIX_MONTHS) ? popularity : popularityWithoutWarmers;
            double target = random.nextDouble() * weights[weights.length - 1];
            int low = 0;
            int high = weights.length - 1;
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (weights[middle] <= target) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        private String misspell(String category) {
            int at = 1 + random.nextInt(category.length() - 2);
            return category.substring(0, at) + category.substring(at + 1);
        }

        private String id() {
            return Long.toString(++ids, 36);
        }
    }

    /** Customers with an even number are offered free shipping in Black Week: the experiment's treatment arm. */
    public static boolean inFreeShippingArm(Customer customer) {
        return Integer.parseInt(customer.id().substring(2)) % 2 == 0;
    }

    private static void cumulate(double[] weights) {
        for (int i = 1; i < weights.length; i++) {
            weights[i] += weights[i - 1];
        }
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** An order while the year is simulated; its shipment's location is known only once stock is kept. */
    static final class OrderDraft {
        String id;
        String sessionId;
        String customerId;
        Instant purchasedAt;
        final List<OrderLine> lines = new ArrayList<>();
        BigDecimal total;
        ShippingOption option;
        BigDecimal fee;
        Optional<String> promotion;
        Optional<Instant> cancelledAt = Optional.empty();
        String paymentId;
        String method;
        Optional<Instant> failedAt;
        Optional<String> failureReason;
        Instant authorizedAt;
        final List<Refund> refunds = new ArrayList<>();
        Instant dispatchedAt;
        Instant promisedBy;
        String carrier;
        String location;
        Optional<Instant> deliveredAt = Optional.empty();
        Optional<GoodsReturn> goodsReturn = Optional.empty();

        Order order() {
            var payment = new Payment(
                    paymentId, method, total.add(fee), failedAt, failureReason, authorizedAt, List.copyOf(refunds));
            Optional<Shipment> shipment = dispatchedAt == null
                    ? Optional.empty()
                    : Optional.of(new Shipment(
                            "sh-" + id.substring(2), location, carrier, dispatchedAt, promisedBy, deliveredAt));
            return new Order(
                    id,
                    sessionId,
                    customerId,
                    purchasedAt,
                    List.copyOf(lines),
                    total,
                    option,
                    fee,
                    promotion,
                    cancelledAt,
                    payment,
                    shipment,
                    goodsReturn);
        }
    }

    /**
     * Stock over the year, in time order: every article starts with a counted stock at each of its locations,
     * each shipped line takes from the location holding most of it, and a location that falls below the reorder
     * point is restocked after the lead time. In live trading it continues from the year's last levels, one
     * stretch of business after another.
     */
    static final class StockKeeping {

        private final List<Article> articles;
        private final SplittableRandom random;
        private final Map<String, Integer> available = new HashMap<>();
        private final Map<String, Boolean> restockPending = new HashMap<>();
        private final Map<String, Article> bySku = new HashMap<>();
        private final PriorityQueue<Restock> restocks = new PriorityQueue<>(Comparator.comparing(Restock::at));
        private final double tempo;
        private final Instant end;
        private long sequence;

        StockKeeping(List<Article> articles, SplittableRandom random) {
            this(articles, random, 1.0, ShopCalendar.YEAR_END);
        }

        private StockKeeping(List<Article> articles, SplittableRandom random, double tempo, Instant end) {
            this.articles = articles;
            this.random = random;
            this.tempo = tempo;
            this.end = end;
            articles.forEach(article -> bySku.put(article.sku(), article));
        }

        /** Stock as the year left it, restocked {@code 1 / tempo} times faster from now on. */
        static StockKeeping after(ShopYear year, double tempo) {
            var stock = new StockKeeping(year.articles(), new SplittableRandom(year.seed()), tempo, null);
            for (StockLevel level : year.stockLevels()) {
                stock.available.put(key(level.sku(), level.location()), level.available());
            }
            stock.sequence = year.stockLevels().size();
            return stock;
        }

        private record Restock(Instant at, String sku, String location) {}

        List<StockLevel> run(List<OrderDraft> orders) {
            var levels = new ArrayList<StockLevel>();
            for (Article article : articles) {
                for (String location : article.locations()) {
                    int initial = 60 + random.nextInt(200);
                    available.put(key(article.sku(), location), initial);
                    levels.add(new StockLevel(
                            article.sku(), location, initial, ShopCalendar.YEAR_START, "initial-count", sequence++));
                }
            }
            levels.addAll(advance(orders));
            return levels;
        }

        /** The stock changes the parcels of {@code orders} cause, and the restocks they set off. */
        List<StockLevel> advance(List<OrderDraft> orders) {
            var levels = new ArrayList<StockLevel>();
            var shipped = orders.stream()
                    .filter(order -> order.dispatchedAt != null)
                    .sorted(Comparator.comparing(order -> order.dispatchedAt))
                    .toList();
            for (OrderDraft order : shipped) {
                while (!restocks.isEmpty() && restocks.peek().at().isBefore(order.dispatchedAt)) {
                    levels.add(restock(restocks.poll()));
                }
                for (OrderLine line : order.lines) {
                    var article = bySku.get(line.sku());
                    String location = article.locations().stream()
                            .max(Comparator.comparingInt(place -> available.get(key(line.sku(), place))))
                            .orElseThrow();
                    if (order.location == null) {
                        order.location = location;
                    }
                    String key = key(line.sku(), location);
                    int left = Math.max(0, available.get(key) - line.quantity());
                    available.put(key, left);
                    levels.add(new StockLevel(line.sku(), location, left, order.dispatchedAt, "sale", sequence++));
                    if (left < REORDER_POINT && !restockPending.getOrDefault(key, false)) {
                        restockPending.put(key, true);
                        Instant at = tempo == 1.0
                                ? order.dispatchedAt.plus(RESTOCK_LEAD_TIME)
                                : order.dispatchedAt.plusMillis(Math.round(RESTOCK_LEAD_TIME.toMillis() * tempo));
                        if (end == null || at.isBefore(end)) {
                            restocks.add(new Restock(at, line.sku(), location));
                        }
                    }
                }
            }
            while (!restocks.isEmpty()) {
                levels.add(restock(restocks.poll()));
            }
            return levels;
        }

        private StockLevel restock(Restock restock) {
            String key = key(restock.sku(), restock.location());
            int level = available.get(key) + RESTOCK_QUANTITY;
            available.put(key, level);
            restockPending.put(key, false);
            return new StockLevel(restock.sku(), restock.location(), level, restock.at(), "restock", sequence++);
        }

        private static String key(String sku, String location) {
            return sku + "@" + location;
        }
    }
}
