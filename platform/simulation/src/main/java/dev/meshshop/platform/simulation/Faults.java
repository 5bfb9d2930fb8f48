package dev.meshshop.platform.simulation;

/**
 * How often an operational system's delivery misbehaves, as probabilities per record sent. Every domain's system
 * has these two faults; faults of its own (a schema change, a bug) its simulator plants itself.
 *
 * @param duplicate a record is delivered twice (at-least-once delivery)
 * @param malformed a record is followed by a malformed one: not JSON, an envelope without an event id, or an
 *     event of a type the domain does not emit, in turn
 */
public record Faults(double duplicate, double malformed) {

    /** The rates of a typical year: 1% duplicates, 0.1% malformed records. */
    public static final Faults TYPICAL = new Faults(0.01, 0.001);

    /** No faults at all. */
    public static final Faults NONE = new Faults(0, 0);

    public Faults {
        if (duplicate < 0 || duplicate >= 1 || malformed < 0 || malformed >= 1) {
            throw new IllegalArgumentException(
                    "Fault rates are probabilities in [0, 1), were duplicate=" + duplicate + " malformed=" + malformed);
        }
    }
}
