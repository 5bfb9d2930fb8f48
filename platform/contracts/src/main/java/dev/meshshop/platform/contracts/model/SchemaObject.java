package dev.meshshop.platform.contracts.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An element of the contract's schema: a table or view, a file, or a Kafka topic ({@code physicalType: topic},
 * with the topic name in {@code physicalName}).
 */
public record SchemaObject(
        String id,
        String name,
        String physicalName,
        String physicalType,
        String businessName,
        String description,
        String dataGranularityDescription,
        List<String> tags,
        List<SchemaProperty> properties,
        List<Relationship> relationships,
        List<QualityRule> quality,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {

    public SchemaObject {
        tags = List.copyOf(tags);
        properties = List.copyOf(properties);
        relationships = List.copyOf(relationships);
        quality = List.copyOf(quality);
        authoritativeDefinitions = List.copyOf(authoritativeDefinitions);
        customProperties = List.copyOf(customProperties);
    }

    public boolean isTopic() {
        return "topic".equalsIgnoreCase(physicalType);
    }

    /** Whether {@code reference} names this object, by name or by physical name. */
    public boolean isNamed(String reference) {
        return reference.equals(name) || reference.equals(physicalName);
    }

    /** The top-level property with this name or physical name. */
    public Optional<SchemaProperty> property(String reference) {
        return properties.stream().filter(p -> p.isNamed(reference)).findFirst();
    }

    /** The primary key properties in key order (by position, then as declared). */
    public List<SchemaProperty> primaryKey() {
        return properties.stream()
                .filter(SchemaProperty::primaryKey)
                .sorted(Comparator.comparingInt(
                        (SchemaProperty p) -> p.primaryKeyPosition() > 0 ? p.primaryKeyPosition() : Integer.MAX_VALUE))
                .toList();
    }
}
