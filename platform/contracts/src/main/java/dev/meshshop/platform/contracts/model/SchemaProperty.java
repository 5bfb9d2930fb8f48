package dev.meshshop.platform.contracts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A property of a schema object: a column of a table, a field of a message. Objects nest {@code properties};
 * arrays describe their elements in {@code items}, which has no name.
 */
public record SchemaProperty(
        String id,
        String name,
        String physicalName,
        String physicalType,
        LogicalType logicalType,
        LogicalTypeOptions logicalTypeOptions,
        String businessName,
        String description,
        boolean required,
        boolean unique,
        boolean primaryKey,
        int primaryKeyPosition,
        boolean partitioned,
        int partitionKeyPosition,
        String classification,
        String encryptedName,
        boolean criticalDataElement,
        List<String> transformSourceObjects,
        String transformLogic,
        String transformDescription,
        List<Object> examples,
        List<String> tags,
        List<SchemaProperty> properties,
        SchemaProperty items,
        List<Relationship> relationships,
        List<QualityRule> quality,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {

    public SchemaProperty {
        transformSourceObjects = List.copyOf(transformSourceObjects);
        examples = Collections.unmodifiableList(new ArrayList<>(examples));
        tags = List.copyOf(tags);
        properties = List.copyOf(properties);
        relationships = List.copyOf(relationships);
        quality = List.copyOf(quality);
        authoritativeDefinitions = List.copyOf(authoritativeDefinitions);
        customProperties = List.copyOf(customProperties);
    }

    /** The name of the column in the data: the physical name when there is one, else the name. */
    public String columnName() {
        return physicalName != null ? physicalName : name;
    }

    /** Whether {@code reference} names this property, by name or by physical name. */
    public boolean isNamed(String reference) {
        return reference.equals(name) || reference.equals(physicalName);
    }
}
