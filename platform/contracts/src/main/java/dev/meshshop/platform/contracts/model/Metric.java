package dev.meshshop.platform.contracts.model;

import java.util.Arrays;
import java.util.Optional;

/** The library metrics of ODCS v3.1.0, each a number measured on a property or an object. */
public enum Metric {
    /** Nulls in a property. */
    NULL_VALUES("nullValues", Level.PROPERTY),
    /** Values listed in the argument {@code missingValues} (by default null and the empty string). */
    MISSING_VALUES("missingValues", Level.PROPERTY),
    /** Non-null values outside the argument {@code validValues} or not matching the argument {@code pattern}. */
    INVALID_VALUES("invalidValues", Level.PROPERTY),
    /** Rows that repeat a value of a property, or of the argument {@code properties} on an object. */
    DUPLICATE_VALUES("duplicateValues", Level.ANY),
    /** Rows of an object. */
    ROW_COUNT("rowCount", Level.OBJECT);

    /** Where a metric may be declared. */
    public enum Level {
        PROPERTY,
        OBJECT,
        ANY
    }

    private final String odcsName;
    private final Level level;

    Metric(String odcsName, Level level) {
        this.odcsName = odcsName;
        this.level = level;
    }

    public String odcsName() {
        return odcsName;
    }

    public Level level() {
        return level;
    }

    public static Optional<Metric> fromOdcsName(String name) {
        return Arrays.stream(values())
                .filter(metric -> metric.odcsName.equals(name))
                .findFirst();
    }

    @Override
    public String toString() {
        return odcsName;
    }
}
