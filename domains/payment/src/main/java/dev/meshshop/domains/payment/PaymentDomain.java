package dev.meshshop.domains.payment;

import dev.meshshop.domains.payment.events.PaymentEvents;
import dev.meshshop.domains.payment.payments.PaymentsCleaning;
import dev.meshshop.domains.payment.simulator.PaymentSimulator;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.starter.EventSimulator;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import java.util.Optional;
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
                List.of("mesh/payment/products/payments"),
                Optional.of(EventSimulator.of(business -> new PaymentSimulator(business, Faults.TYPICAL))));
    }
}
