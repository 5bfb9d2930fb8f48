package dev.meshshop.platform.contracts.model;

import java.util.List;

/**
 * Where the data is served. Which {@link Connection} fields a server uses depends on its {@code type}: a
 * {@code postgres} server has host, port, database and schema; a {@code kafka} server has host and format.
 */
public record Server(
        String id,
        String server,
        String type,
        String description,
        String environment,
        Connection connection,
        List<Role> roles,
        List<CustomProperty> customProperties) {

    public Server {
        roles = List.copyOf(roles);
        customProperties = List.copyOf(customProperties);
    }

    /** The connection fields of every server type; those a type does not use are null. */
    public record Connection(
            String host,
            Integer port,
            String database,
            String schema,
            String catalog,
            String account,
            String warehouse,
            String project,
            String dataset,
            String location,
            String path,
            String format,
            String delimiter,
            String endpointUrl,
            String region,
            String regionName,
            String serviceName,
            String stagingDir,
            String stream) {}
}
