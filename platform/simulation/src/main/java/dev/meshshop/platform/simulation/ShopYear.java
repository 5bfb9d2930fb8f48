package dev.meshshop.platform.simulation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One simulated year of the shop, as it happened: customers, their visits and searches, their orders, what was
 * paid, shipped and returned, and how stock moved. No system sees all of it: each domain's simulated operational
 * system emits the events for its own part, with its own faults. Built by {@link SimulatedShop#year}.
 *
 * @param sessions every visit, in the order they started
 * @param orders every order, in the order it was purchased
 * @param stockLevels every change of an article's available stock at a location, in time order
 */
public record ShopYear(
        long seed,
        double scale,
        List<Customer> customers,
        List<Session> sessions,
        List<Order> orders,
        List<StockLevel> stockLevels,
        List<Article> articles) {

    public ShopYear {
        customers = List.copyOf(customers);
        sessions = List.copyOf(sessions);
        orders = List.copyOf(orders);
        stockLevels = List.copyOf(stockLevels);
        articles = List.copyOf(articles);
    }

    /** What the company knows about its year: the answers the mesh must find. */
    public ShopTruths truths() {
        return new ShopTruths(this);
    }

    /** A customer, with the personal data the shop's systems hold about them. */
    public record Customer(String id, String name, String email, String phone, String iban) {}

    /** An article the shop sells, its price and the search term it is found by. */
    public record Article(String sku, String category, BigDecimal price, List<String> locations, boolean shelfWarmer) {}

    /**
     * A visit to the shop.
     *
     * @param productPageVariant the product-page A/B test arm: {@code A} (control) or {@code B} (the new page)
     * @param freeShippingOffered whether the visit was offered free shipping (Black Week experiment); empty outside
     *     Black Week
     */
    public record Session(
            String id,
            String customerId,
            Instant startedAt,
            String productPageVariant,
            Optional<Boolean> freeShippingOffered,
            List<Search> searches,
            Optional<String> orderId) {}

    /** A search in a session, and the result the visitor clicked, if any. */
    public record Search(String id, Instant at, String query, int resultCount, Optional<Click> click) {}

    public record Click(String sku, int position, Instant at) {}

    /**
     * An order and everything that happened to it afterwards.
     *
     * @param shippingFee what the customer paid for shipping (zero when it was free)
     * @param promotion the promotion that applied, such as {@code black-week-free-shipping}
     */
    public record Order(
            String id,
            String sessionId,
            String customerId,
            Instant purchasedAt,
            List<OrderLine> lines,
            BigDecimal total,
            ShippingOption shippingOption,
            BigDecimal shippingFee,
            Optional<String> promotion,
            Optional<Instant> cancelledAt,
            Payment payment,
            Optional<Shipment> shipment,
            Optional<GoodsReturn> goodsReturn) {

        /** What the order cost the customer: its articles and shipping. */
        public BigDecimal amountCharged() {
            return total.add(shippingFee);
        }
    }

    public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

        public BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /**
     * How an order was paid.
     *
     * @param method {@code card}, {@code paypal} or {@code sepa}
     * @param failedAt when a first attempt failed, if one did
     * @param refunds money paid back: the whole amount for a cancelled order, the article for a return
     */
    public record Payment(
            String id,
            String method,
            BigDecimal amount,
            Optional<Instant> failedAt,
            Optional<String> failureReason,
            Instant authorizedAt,
            List<Refund> refunds) {}

    public record Refund(String id, BigDecimal amount, Instant at, String reason) {}

    /**
     * A parcel on its way.
     *
     * @param promisedBy the delivery date promised at purchase
     * @param deliveredAt when it arrived; empty when it was still on its way at the end of the year
     */
    public record Shipment(
            String id,
            String location,
            String carrier,
            Instant dispatchedAt,
            Instant promisedBy,
            Optional<Instant> deliveredAt) {

        public boolean late() {
            return deliveredAt.map(at -> at.isAfter(promisedBy)).orElse(false);
        }
    }

    /** An article sent back. */
    public record GoodsReturn(String id, String sku, int quantity, Instant receivedAt, String reason) {}

    /**
     * The stock of an article at a location after a change.
     *
     * @param reason {@code initial-count}, {@code sale} or {@code restock}
     * @param sequence the change's position in the year's stock changes: orders changes at the same instant
     */
    public record StockLevel(String sku, String location, int available, Instant at, String reason, long sequence) {}
}
