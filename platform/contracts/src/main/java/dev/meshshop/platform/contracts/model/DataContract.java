package dev.meshshop.platform.contracts.model;

import java.util.List;
import java.util.Optional;

/**
 * An ODCS v3 data contract: the promise a data product makes about one output port.
 *
 * <p>{@code apiVersion}, {@code kind}, {@code id}, {@code version} and {@code status} are always present;
 * other scalar fields are null when the contract leaves them out.
 */
public record DataContract(
        String apiVersion,
        String kind,
        String id,
        String version,
        String status,
        String name,
        String tenant,
        String domain,
        String dataProduct,
        List<String> tags,
        Description description,
        List<Server> servers,
        List<SchemaObject> schema,
        List<SupportChannel> support,
        Price price,
        Team team,
        List<Role> roles,
        String slaDefaultElement,
        List<SlaProperty> slaProperties,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties,
        String contractCreatedTs) {

    public DataContract {
        tags = List.copyOf(tags);
        servers = List.copyOf(servers);
        schema = List.copyOf(schema);
        support = List.copyOf(support);
        roles = List.copyOf(roles);
        slaProperties = List.copyOf(slaProperties);
        authoritativeDefinitions = List.copyOf(authoritativeDefinitions);
        customProperties = List.copyOf(customProperties);
    }

    /** The schema object with this name or physical name. */
    public Optional<SchemaObject> object(String reference) {
        return schema.stream().filter(o -> o.isNamed(reference)).findFirst();
    }
}
