package dev.meshshop.domains.payment.simulator;

import dev.meshshop.platform.simulation.DeliveryTally;

/**
 * What the payment simulator sent and planted, so tests can check the mesh finds exactly this. The payments
 * themselves, the business truth, are the shop's year's.
 *
 * @param delivery the records sent, and the duplicates and malformed records among them
 * @param authorizations PaymentAuthorized events sent, each counted once
 * @param failures PaymentFailed events sent, each counted once
 * @param refunds PaymentRefunded events sent, each counted once
 * @param payerIbans of the authorizations, those paid by SEPA direct debit, which carry the payer's IBAN
 * @param amountsInCents of the authorizations, those the buggy app version sent with the amount in cents
 */
public record PaymentTruth(
        DeliveryTally delivery,
        long authorizations,
        long failures,
        long refunds,
        long payerIbans,
        long amountsInCents) {}
