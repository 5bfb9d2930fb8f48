package dev.meshshop.platform.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * The shop after its simulated year: it keeps trading, one stretch of time after another, so that a running mesh
 * has new business to ingest. The same customers visit, search and buy the same articles; every new visit, order,
 * payment, parcel and return has an id the year never used, and stock goes on from the levels the year left.
 *
 * <p>Live business happens in the mesh's time, which runs at the pace of the wall clock, but the shop's processes
 * run {@link #PACE} times faster: a parcel dispatched two hours after its purchase in the year is dispatched five
 * seconds after it here, and a return that took a week takes seven minutes. So every domain's products grow within a
 * minute of going live, and what is waiting to happen stays small. The year's planted effects (the experiments,
 * the faults bound to dates) are the year's; live business carries the faults every system has.
 *
 * <p>Deterministic for the year's seed and the stretches asked for. Not thread-safe.
 */
public final class LiveShop {

    /** How many times faster the shop's processes run in live trading than in the year: a day in a minute. */
    public static final int PACE = 1440;

    /** The first id of live business, above every id the year uses (base 36: {@code 1000000}). */
    static final long FIRST_ID = 2_176_782_336L;

    private final long seed;
    private final SimulatedShop.Generator generator;
    private final SimulatedShop.StockKeeping stock;
    private long stretches;

    /** The shop after the year that {@link SimulatedShop#year} simulates for {@code seed} and {@code scale}. */
    public LiveShop(long seed, double scale) {
        var year = SimulatedShop.year(seed, scale);
        this.seed = seed;
        this.generator = new SimulatedShop.Generator(seed, scale);
        this.generator.goLive(seed ^ 0x6C697665L, 1.0 / PACE, FIRST_ID);
        this.stock = SimulatedShop.StockKeeping.after(year, 1.0 / PACE);
    }

    /**
     * The business of {@code visits} visits that start in [from, to), and all that follows them: their searches,
     * orders, payments, parcels, returns and refunds, and the stock changes and restocks the parcels set off. What
     * follows may lie after {@code to}; whoever sends it waits until it is due.
     *
     * @return the stretch as a {@link ShopYear} of its own (with a seed of its own, so that the records sent for it
     *     have event ids of their own), which a domain's simulator sends as it sends the year
     */
    public ShopYear trade(Instant from, Instant to, int visits) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("A stretch of trading ends after it starts, was " + from + " to " + to);
        }
        if (visits < 0) {
            throw new IllegalArgumentException("Visits are counted from 0, was " + visits);
        }
        long stretchSeed = mix(seed, ++stretches);
        return generator.trade(stretchSeed, from, to, visits, stock);
    }

    /** How long a stretch's last consequences may lag its visits at the live pace, returns and refunds included. */
    public static Duration longestFollowUp() {
        return Duration.ofDays(30).dividedBy(PACE);
    }

    private static long mix(long seed, long stretch) {
        long z = seed * 0x9E3779B97F4A7C15L + stretch * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 29);
    }
}
