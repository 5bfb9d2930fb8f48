package dev.meshshop.domains.search.simulator;

import dev.meshshop.platform.simulation.Faults;

/**
 * How the search service misbehaves, besides the delivery faults every system has.
 *
 * @param delivery duplicates and malformed records, as every domain's system sends them
 * @param contactDataInQuery the share of searches that found nothing because the visitor typed their e-mail address
 *     or phone number into the search box instead of a product term; the query then holds personal data
 * @param outage whether the search service lost every event of {@link SearchSimulator#OUTAGE_FROM} to
 *     {@link SearchSimulator#OUTAGE_UNTIL}: six hours without a trace in the data
 */
public record SearchFaults(Faults delivery, double contactDataInQuery, boolean outage) {

    /** A typical year: the platform's typical delivery, contact data in 5% of fruitless searches, the outage. */
    public static final SearchFaults TYPICAL = new SearchFaults(Faults.TYPICAL, 0.05, true);

    /** A service that never misbehaves. */
    public static final SearchFaults NONE = new SearchFaults(Faults.NONE, 0, false);

    public SearchFaults {
        if (contactDataInQuery < 0 || contactDataInQuery >= 1) {
            throw new IllegalArgumentException(
                    "contactDataInQuery is a probability in [0, 1), was " + contactDataInQuery);
        }
    }
}
