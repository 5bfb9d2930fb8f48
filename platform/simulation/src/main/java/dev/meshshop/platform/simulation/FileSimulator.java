package dev.meshshop.platform.simulation;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The part of a domain's simulated system that delivers files instead of events: a legacy export or a partner's
 * scheduled file, with the quirks such deliveries have (late, twice, malformed, corrected). It writes the year's
 * files into the domain's inbox of the export it names, each with its time of delivery as its last modification,
 * so that the platform's loader sees them as they would have arrived. Deterministic for the year it is given.
 *
 * <p>A domain declares it beside its events: {@code new DomainSimulator(NAME, events).withFiles(files)}.
 */
public interface FileSimulator {

    /** The name of the domain's file export the files belong to. */
    String export();

    /**
     * Writes {@code year}'s files into {@code inbox}, each first under a name ending in {@code .part} and then
     * renamed, as a careful sender does, so that the loader never takes a half-written file.
     *
     * @return how many files it delivered
     */
    long deliver(ShopYear year, Path inbox) throws IOException;
}
