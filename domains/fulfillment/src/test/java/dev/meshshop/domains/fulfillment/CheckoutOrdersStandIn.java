package dev.meshshop.domains.fulfillment;

import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.testkit.StandIns;
import java.util.List;

/**
 * Publishes checkout.orders as checkout would, from orders of the simulated year, with the columns fulfillment
 * reads (see {@code stand-ins/checkout/orders}): so that fulfillment's input port has a producer in its tests.
 */
final class CheckoutOrdersStandIn {

    private CheckoutOrdersStandIn() {}

    static void publish(MeshLayout layout, List<Order> orders) {
        StandIns.publish(
                layout,
                "stand-ins/checkout/orders",
                "model.orders",
                "order_id VARCHAR NOT NULL, purchased_at TIMESTAMP NOT NULL, channel VARCHAR NOT NULL",
                orders,
                // where an order was placed is checkout's to say; fulfillment only hands it to the delivery-time
                // model, whose predictions its tests do not judge
                order -> new Object[] {order.id(), order.purchasedAt(), "web"});
    }
}
