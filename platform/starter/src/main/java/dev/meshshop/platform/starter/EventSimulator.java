package dev.meshshop.platform.starter;

import dev.meshshop.platform.simulation.SimulatedRecord;
import java.util.Iterator;

/**
 * A domain's simulated operational system: a deterministic stream of Kafka records for a seed and a scale
 * (scale 1 is about a simulated year of business). It may plant faults on purpose, such as duplicates and
 * malformed records, so that tests can check the mesh repairs and quarantines exactly those.
 */
@FunctionalInterface
public interface EventSimulator {

    Iterator<SimulatedRecord> records(long seed, double scale);
}
