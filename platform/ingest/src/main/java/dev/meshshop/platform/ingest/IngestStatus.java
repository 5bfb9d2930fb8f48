package dev.meshshop.platform.ingest;

import java.time.Instant;

/**
 * How one domain's ingest is doing, as health and metrics report it.
 *
 * @param state what ingest is doing
 * @param lag records on the domain's topics, by the broker's end offsets, that the raw zone and quarantine do not
 *     hold yet; -1 while the broker has not answered yet
 * @param lagMeasuredAt when the broker last answered; null if it never did
 * @param lastStoredAt when ingest last stored a record; null if it stored none since it started
 * @param problem why ingest is failing, stalled or cannot see the broker; null when it is not
 */
public record IngestStatus(State state, long lag, Instant lagMeasuredAt, Instant lastStoredAt, String problem) {

    /** What ingest is doing. */
    public enum State {
        /** The raw zone and quarantine hold every record on the broker. */
        CAUGHT_UP,
        /** Records wait on the broker and ingest is storing them. */
        CATCHING_UP,
        /** Records wait on the broker, but ingest stored nothing for longer than it may. */
        STALLED,
        /** Storing a batch failed, and ingest retries it with back-off. */
        FAILING,
        /** The broker does not answer, so the lag is not known. */
        BROKER_UNREACHABLE,
        /** Ingest is not running. */
        STOPPED;

        /** Whether this state needs an operator: ingest makes no progress on its own. */
        public boolean unhealthy() {
            return this == STALLED || this == FAILING || this == BROKER_UNREACHABLE;
        }
    }
}
