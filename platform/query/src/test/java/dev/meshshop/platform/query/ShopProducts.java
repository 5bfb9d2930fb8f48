package dev.meshshop.platform.query;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.RestrictedColumns;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.StandInProducts;
import java.time.Clock;
import java.util.List;

/**
 * The products the query tests read, published as their owners would (real Parquet snapshots): three orders with a
 * restricted e-mail column, two shipments, three payments.
 */
final class ShopProducts {

    static final ProductId ORDERS = ProductId.parse("checkout.orders");
    static final ProductId SHIPMENTS = ProductId.parse("fulfillment.shipments");
    static final ProductId PAYMENTS = ProductId.parse("payment.payments");

    private ShopProducts() {}

    static void publish(MeshLayout layout) {
        StandInProducts.publish(layout, "stand-ins/checkout/orders", connection -> {
            connection
                    .createStatement()
                    .execute(
                            """
                    CREATE TABLE model.orders AS
                    SELECT * FROM (VALUES ('o-1', 'purchased', 100.00, 'ada@example.com'),
                                          ('o-2', 'purchased', 50.00, 'bob@example.com'),
                                          ('o-3', 'cancelled', 20.00, 'cy@example.com'))
                        t(order_id, status, total, customer_email)""");
            return null;
        });
        StandInProducts.publish(layout, "stand-ins/fulfillment/shipments", connection -> {
            connection
                    .createStatement()
                    .execute(
                            """
                    CREATE TABLE model.shipments AS
                    SELECT * FROM (VALUES ('o-1', 'standard', true), ('o-2', 'reliable', false))
                        t(order_id, shipping_option, on_time)""");
            return null;
        });
        StandInProducts.publish(layout, "stand-ins/payment/payments", connection -> {
            connection
                    .createStatement()
                    .execute(
                            """
                    CREATE TABLE model.payments AS
                    SELECT * FROM (VALUES ('o-1', 'card', 100.00), ('o-2', 'invoice', 50.00), ('o-3', 'card', 20.00))
                        t(order_id, method, amount)""");
            return null;
        });
    }

    static AccessRequests access(MeshLayout layout) {
        return new AccessRequests(
                layout, new RestrictedColumns(List.of("restricted", "confidential")), Clock.systemUTC());
    }

    /** {@code consumer} requests {@code product} and its owner approves. Returns the request's id. */
    static String grant(AccessRequests access, String consumer, ProductId product) {
        var request = access.request(consumer, consumer, product.toString(), "tests read it");
        return access.approve(request.id(), product.domain(), null).id();
    }

    static PublishedPort published(MeshLayout layout, ProductId product) {
        return new MeshDirectory(layout).latest(product).orElseThrow();
    }
}
