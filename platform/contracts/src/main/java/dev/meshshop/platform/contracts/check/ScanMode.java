package dev.meshshop.platform.contracts.check;

/** How the checks of one object read the data. */
public enum ScanMode {
    /** All aggregates of an object in one query, so the data is read once. The default. */
    SHARED,
    /**
     * One query per check. Slower on large data; useful to measure the benefit of {@link #SHARED}, or to run each
     * check on its own when looking into a failure.
     */
    PER_CHECK
}
