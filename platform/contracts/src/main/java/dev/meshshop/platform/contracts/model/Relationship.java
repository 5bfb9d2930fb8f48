package dev.meshshop.platform.contracts.model;

import java.util.List;

/**
 * A foreign key. References use the {@code object.property} shorthand or an id path. On a property,
 * {@code from} is empty: it is that property.
 */
public record Relationship(String type, List<String> from, List<String> to, List<CustomProperty> customProperties) {

    public Relationship {
        from = List.copyOf(from);
        to = List.copyOf(to);
        customProperties = List.copyOf(customProperties);
    }
}
