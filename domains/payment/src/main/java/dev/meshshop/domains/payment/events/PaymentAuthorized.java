package dev.meshshop.domains.payment.events;

import java.math.BigDecimal;

/**
 * The payment provider authorized an order's payment: the customer is charged {@code amount}.
 *
 * @param method {@code card}, {@code paypal} or {@code sepa}
 * @param amount what is charged, in {@code currency}: the order's articles and shipping
 * @param appVersion the version of the payment app that handled it, such as {@code 2.4.0}
 * @param payer who pays, with the personal data the provider needs; cleaning drops it
 */
public record PaymentAuthorized(
        String paymentId,
        String orderId,
        String method,
        BigDecimal amount,
        String currency,
        String appVersion,
        Payer payer) {

    /**
     * @param iban the account a SEPA direct debit is drawn from; null for other methods
     */
    public record Payer(String name, String iban) {}
}
