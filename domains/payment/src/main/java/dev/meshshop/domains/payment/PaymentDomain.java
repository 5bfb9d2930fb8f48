package dev.meshshop.domains.payment;

import dev.meshshop.domains.payment.events.PaymentEvents;
import dev.meshshop.domains.payment.payments.PaymentsCleaning;
import dev.meshshop.domains.payment.simulator.PaymentSimulator;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.simulation.EventSimulator;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Payment as a mesh member: its events, how it cleans and models them, and the product it publishes, which
 * reconciles what was charged with checkout's orders, read through an input port.
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class PaymentDomain {

    public static final String NAME = "payment";

    @Bean
    MeshDomain payment() {
        return new MeshDomain(
                NAME,
                "payment-team",
                PaymentEvents.ALL,
                new PaymentsCleaning(),
                List.of("mesh/payment/models/payments.sql"),
                List.of("mesh/payment/products/payments"));
    }

    /** Payment's operational system, simulated: the payment provider, charging and refunding the shop's orders. */
    @Bean
    DomainSimulator paymentSimulator() {
        return new DomainSimulator(NAME, EventSimulator.of(business -> new PaymentSimulator(business, Faults.TYPICAL)));
    }
}
