package dev.meshshop.platform.starter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The mesh's "now", which contract tests judge freshness against. Without {@code mesh.as-of} it is the wall clock.
 * With it (a simulated company's end of year) it stands still at that instant, until live trading starts
 * ({@link #run}): from then on it runs on from there at the pace of the wall clock, so that the freshness of what
 * live trading sends is measured as a user would measure it.
 */
public final class MeshClock extends Clock {

    private final Instant asOf;
    private volatile Instant runningFrom;
    private volatile long runningSinceNanos;

    /** @param asOf where the mesh's time stands until it runs; null for the wall clock */
    public MeshClock(Instant asOf) {
        this.asOf = asOf;
    }

    /** Lets the mesh's time run on from where it stands, at the pace of the wall clock; again does nothing. */
    public synchronized void run() {
        if (asOf == null || runningFrom != null) {
            return;
        }
        runningSinceNanos = System.nanoTime();
        runningFrom = asOf;
    }

    /** Whether the mesh's time moves: it is the wall clock's, or it runs since {@link #run}. */
    public boolean running() {
        return asOf == null || runningFrom != null;
    }

    @Override
    public Instant instant() {
        if (asOf == null) {
            return Instant.now();
        }
        Instant from = runningFrom;
        return from == null ? asOf : from.plusNanos(System.nanoTime() - runningSinceNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!zone.equals(ZoneOffset.UTC)) {
            throw new UnsupportedOperationException("The mesh's clock is in UTC, was asked for " + zone);
        }
        return this;
    }
}
