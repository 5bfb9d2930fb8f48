package dev.meshshop.platform.contracts.model;

/** A key/value pair for anything the standard does not define; {@code value} is a plain Java value or null. */
public record CustomProperty(String id, String property, Object value, String description) {}
