package dev.meshshop.platform.contracts.model;

/** The kinds of quality rule: prose, a library metric, a SQL query, or a rule for another engine. */
public enum QualityType {
    TEXT,
    LIBRARY,
    SQL,
    CUSTOM
}
