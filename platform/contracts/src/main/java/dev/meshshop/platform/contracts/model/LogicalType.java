package dev.meshshop.platform.contracts.model;

import java.util.Arrays;
import java.util.Optional;

/** The logical types of ODCS v3.1.0 ({@code timestamp} and {@code time} are new in v3.1.0). */
public enum LogicalType {
    STRING("string"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    TIME("time"),
    NUMBER("number"),
    INTEGER("integer"),
    OBJECT("object"),
    ARRAY("array"),
    BOOLEAN("boolean");

    private final String odcsName;

    LogicalType(String odcsName) {
        this.odcsName = odcsName;
    }

    /** The name as written in a contract, such as {@code timestamp}. */
    public String odcsName() {
        return odcsName;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP || this == TIME;
    }

    public static Optional<LogicalType> fromOdcsName(String name) {
        return Arrays.stream(values())
                .filter(type -> type.odcsName.equals(name))
                .findFirst();
    }

    @Override
    public String toString() {
        return odcsName;
    }
}
