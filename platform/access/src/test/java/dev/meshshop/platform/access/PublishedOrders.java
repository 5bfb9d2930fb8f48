package dev.meshshop.platform.access;

import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.StandInProducts;
import java.time.Clock;
import java.util.List;

/**
 * checkout.orders as the access tests need it: published as checkout would, one order with a restricted e-mail
 * (opened to customer360) and a confidential phone number. Other modules' tests use it too (it is in this
 * module's test jar).
 */
public final class PublishedOrders {

    private PublishedOrders() {}

    public static void publish(MeshLayout layout) {
        StandInProducts.publish(layout, "stand-ins/checkout/orders", connection -> {
            connection
                    .createStatement()
                    .execute("CREATE TABLE model.orders AS SELECT 'o-1' AS order_id, 'ada@example.com' AS"
                            + " customer_email, '+4912345' AS customer_phone, 12.5 AS total");
            return null;
        });
    }

    /** The mesh's access requests over {@code layout}, with the default restricted classifications. */
    public static AccessRequests access(MeshLayout layout) {
        return new AccessRequests(
                layout, new RestrictedColumns(List.of("restricted", "confidential")), Clock.systemUTC());
    }
}
