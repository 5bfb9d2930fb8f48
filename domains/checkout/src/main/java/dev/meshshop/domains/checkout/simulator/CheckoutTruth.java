package dev.meshshop.domains.checkout.simulator;

import dev.meshshop.platform.simulation.DeliveryTally;
import dev.meshshop.platform.simulation.ShopYear.Order;
import java.util.Set;

/**
 * What the checkout simulator sent and planted, so tests can check the mesh finds exactly this. The orders
 * themselves, the business truth, are the shop's year's.
 *
 * @param delivery the records sent, and the duplicates and malformed records among them
 * @param purchases OrderPurchased events sent, each counted once
 * @param purchasesV1 of those, the ones sent in schema version 1, which cleaning maps to version 2
 * @param cancellations OrderCancelled events sent, each counted once
 * @param invalidTotalOrders the orders whose purchase carried its total as text: cleaning quarantines them
 */
public record CheckoutTruth(
        DeliveryTally delivery, long purchases, long purchasesV1, long cancellations, Set<String> invalidTotalOrders) {

    public CheckoutTruth {
        invalidTotalOrders = Set.copyOf(invalidTotalOrders);
    }

    public long invalidTotals() {
        return invalidTotalOrders.size();
    }

    /** Whether the order's purchase is valid, so that it must be published. */
    public boolean valid(Order order) {
        return !invalidTotalOrders.contains(order.id());
    }
}
