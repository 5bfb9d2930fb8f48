package dev.meshshop.platform.contracts.model;

/** A link to a source that defines or implements an element, such as a glossary entry or a pipeline. */
public record AuthoritativeDefinition(String id, String url, String type, String description) {}
