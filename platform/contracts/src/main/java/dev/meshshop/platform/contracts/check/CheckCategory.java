package dev.meshshop.platform.contracts.check;

/** What part of the contract a check comes from. */
public enum CheckCategory {
    /** A property's presence, type, required, unique, primary key or logicalTypeOptions. */
    SCHEMA,
    /** A quality rule: a library metric or a SQL query. */
    QUALITY,
    /** A service level: freshness, latency or retention. */
    SLA
}
