package dev.meshshop.platform.starter;

import java.time.Duration;

/**
 * When new raw records make a domain refresh: at most {@code debounce} after the first record its last refresh did
 * not see, so that records arriving close together are cleaned in one run; at once when {@code batchCap} records
 * are waiting. A new snapshot of an input port makes the domain refresh at the next look, without waiting.
 */
record RefreshTrigger(Duration debounce, long batchCap) {

    RefreshTrigger {
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("mesh.refresh-debounce must not be negative, was " + debounce);
        }
        if (batchCap < 1) {
            throw new IllegalArgumentException("mesh.refresh-batch-cap must be at least 1 record, was " + batchCap
                    + "; it makes a domain" + " refresh at once when that many new records are waiting");
        }
    }

    /** Whether records waiting since {@code waitingSinceNanos} ({@link System#nanoTime}) make a refresh due now. */
    boolean due(long waiting, long waitingSinceNanos, long nowNanos) {
        return waiting >= batchCap || nowNanos - waitingSinceNanos >= debounce.toNanos();
    }
}
