package dev.meshshop.domains.fulfillment;

import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.StandInProducts;
import java.util.List;

/**
 * Publishes checkout.orders as checkout would, from orders of the simulated year, with the columns fulfillment
 * reads (see {@code stand-ins/checkout/orders}): so that fulfillment's input port has a producer in its tests.
 */
final class CheckoutOrdersStandIn {

    private CheckoutOrdersStandIn() {}

    static void publish(MeshLayout layout, List<Order> orders) {
        StandInProducts.publish(layout, "stand-ins/checkout/orders", connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(
                        "CREATE TABLE model.orders (order_id VARCHAR NOT NULL, purchased_at TIMESTAMP NOT NULL)");
            }
            try (var insert = connection.prepareStatement("INSERT INTO model.orders VALUES (?, epoch_ms(?::BIGINT))")) {
                for (Order order : orders) {
                    insert.setString(1, order.id());
                    insert.setLong(2, order.purchasedAt().toEpochMilli());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }
}
