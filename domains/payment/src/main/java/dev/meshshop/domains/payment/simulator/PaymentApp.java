package dev.meshshop.domains.payment.simulator;

import java.time.Instant;

/**
 * The versions of the payment app over the year. Version 2.3.1, live from 10 to 24 March 2025, had a bug: it sent
 * the amounts of the payments it authorized in cents, as integers (1250 for 12.50).
 */
public final class PaymentApp {

    public static final String BUGGY_VERSION = "2.3.1";

    /** The buggy version went live at the start of this day... */
    public static final Instant BUGGY_FROM = Instant.parse("2025-03-10T00:00:00Z");

    /** ...and was replaced by 2.4.0 at the end of 24 March. */
    public static final Instant BUGGY_UNTIL = Instant.parse("2025-03-25T00:00:00Z");

    private PaymentApp() {}

    /** The version that handled a payment authorized at {@code at}. */
    public static String versionAt(Instant at) {
        if (at.isBefore(BUGGY_FROM)) {
            return "2.3.0";
        }
        return at.isBefore(BUGGY_UNTIL) ? BUGGY_VERSION : "2.4.0";
    }

    /** Whether a payment authorized at {@code at} was sent with its amount in cents. */
    public static boolean sentInCents(Instant at) {
        return versionAt(at).equals(BUGGY_VERSION);
    }
}
