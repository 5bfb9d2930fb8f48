package dev.meshshop.domains.checkout;

import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.domains.checkout.orders.OrdersCleaning;
import dev.meshshop.domains.checkout.simulator.CheckoutSimulator;
import dev.meshshop.domains.checkout.simulator.CustomerAccountsSimulator;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.simulation.EventSimulator;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Checkout as a mesh member: its events, how it cleans and models them, and the products it publishes.
 * Having this module on the classpath of a mesh application is all it takes to run checkout there.
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class CheckoutDomain {

    public static final String NAME = "checkout";

    @Bean
    MeshDomain checkout() {
        return new MeshDomain(
                NAME,
                "checkout-team",
                CheckoutEvents.ALL,
                new OrdersCleaning(),
                List.of(
                        "mesh/checkout/models/orders.sql",
                        "mesh/checkout/models/order_items.sql",
                        "mesh/checkout/models/customers.sql",
                        "mesh/checkout/models/customer_history.sql"),
                List.of(
                        "mesh/checkout/products/orders",
                        "mesh/checkout/products/order_items",
                        "mesh/checkout/products/customers",
                        "mesh/checkout/products/customer_history"));
    }

    /**
     * Checkout's operational system, simulated: the shop's checkout, sending the simulated company's orders as
     * events, and its customer accounts, kept in checkout's operational database and published through an outbox.
     */
    @Bean
    DomainSimulator checkoutSimulator() {
        return new DomainSimulator(
                        NAME,
                        EventSimulator.of(business -> new CheckoutSimulator(
                                business, Faults.TYPICAL, CheckoutSimulator.TYPICAL_INVALID_TOTAL_RATE)))
                .withDatabase(new CustomerAccountsSimulator());
    }
}
