package dev.meshshop.platform.simulation;

import java.time.Duration;
import java.time.Instant;

/**
 * When things happen in the simulated company. The shop's simulated year is 2025, so that its last Black Week
 * lies in the past; the mesh judges freshness as of {@link #AS_OF}, the moment the year ends.
 */
public final class ShopCalendar {

    public static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant YEAR_END = Instant.parse("2026-01-01T00:00:00Z");

    /** The simulated "now": the mesh measures freshness against this instant when it runs the simulation. */
    public static final Instant AS_OF = YEAR_END;

    /** Black Week 2025: Monday 24 November to Sunday 30 November, Black Friday on the 28th. */
    public static final Instant BLACK_WEEK_START = Instant.parse("2025-11-24T00:00:00Z");

    public static final Instant BLACK_WEEK_END = Instant.parse("2025-12-01T00:00:00Z");

    /** The day the slower but more reliable shipping option went live. */
    public static final Instant RELIABLE_SHIPPING_FROM = Instant.parse("2025-04-01T00:00:00Z");

    /** The start of "the last six months" as of the end of the year: what shelf warmers did not sell in. */
    public static final Instant LAST_SIX_MONTHS = Instant.parse("2025-07-01T00:00:00Z");

    public static final Duration YEAR = Duration.between(YEAR_START, YEAR_END);

    public static final int HOURS = (int) YEAR.toHours();

    private ShopCalendar() {}

    public static boolean inBlackWeek(Instant at) {
        return !at.isBefore(BLACK_WEEK_START) && at.isBefore(BLACK_WEEK_END);
    }

    public static boolean inYear(Instant at) {
        return !at.isBefore(YEAR_START) && at.isBefore(YEAR_END);
    }
}
