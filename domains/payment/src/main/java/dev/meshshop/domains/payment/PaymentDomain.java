package dev.meshshop.domains.payment;

import dev.meshshop.domains.payment.events.PaymentEvents;
import dev.meshshop.domains.payment.payments.PaymentsCleaning;
import dev.meshshop.domains.payment.simulator.PaymentSimulator;
import dev.meshshop.domains.payment.simulator.SettlementFiles;
import dev.meshshop.platform.ingest.FileExport;
import dev.meshshop.platform.ingest.FileExport.Column;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.simulation.EventSimulator;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import java.util.regex.Pattern;
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
                List.of("mesh/payment/models/payments.sql", "mesh/payment/models/settlements.sql"),
                List.of("mesh/payment/products/payments"));
    }

    /**
     * The payment provider's daily settlement file, a scheduled CSV export the platform loads into payment's raw zone
     * (ELT): the files arrive in {@code <data-dir>/inbox/payment/settlements/}, one per business day.
     */
    @Bean
    FileExport settlementFiles() {
        return new FileExport(
                NAME,
                SettlementFiles.EXPORT,
                Pattern.compile("settlement-(?<day>\\d{4}-\\d{2}-\\d{2})(?:\\.[a-z0-9]+)?\\.csv"),
                List.of(
                        Column.code("payment_id"),
                        Column.code("order_id"),
                        Column.code("method"),
                        Column.decimal("gross"),
                        Column.decimal("fee"),
                        Column.decimal("net"),
                        Column.code("currency")),
                SettlementFiles.DELIVERED_WITHIN);
    }

    /**
     * Payment's operational system, simulated: the payment provider, charging and refunding the shop's orders, and
     * delivering its settlement file every night.
     */
    @Bean
    DomainSimulator paymentSimulator() {
        return new DomainSimulator(NAME, EventSimulator.of(business -> new PaymentSimulator(business, Faults.TYPICAL)))
                .withFiles(new SettlementFiles());
    }
}
