package dev.meshshop.platform.trino;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the platform finds Trino and how it keeps Trino's view of the mesh current ({@code mesh.trino.*}). Without
 * a {@code url} nothing talks to Trino.
 *
 * @param url Trino's JDBC address, such as {@code jdbc:trino://trino:8080}
 * @param catalog the Trino catalog (a Hive connector with a file metastore) that holds the mesh's tables and views
 * @param user the platform's Trino user: it owns the catalog; domains read as users named after themselves
 * @param dataLocation the mesh's data directory as that catalog addresses it, such as {@code local:///} when Trino's
 *     local file system is rooted at the data directory
 * @param rulesFile where the platform writes Trino's access rules (Trino's {@code security.config-file}); by default
 *     {@code trino/rules.json} in the data directory
 * @param interval how often the platform brings Trino up to date: new snapshots, replaced views, changed grants
 * @param statementTimeout how long one statement to Trino may take before the round gives up and tries again later
 */
@ConfigurationProperties("mesh.trino")
public record TrinoSettings(
        String url,
        String catalog,
        String user,
        String dataLocation,
        Path rulesFile,
        Duration interval,
        Duration statementTimeout) {

    public TrinoSettings {
        catalog = catalog == null || catalog.isBlank() ? "mesh" : catalog;
        user = user == null || user.isBlank() ? "platform" : user;
        dataLocation = dataLocation == null || dataLocation.isBlank() ? "local:///" : dataLocation;
        if (!dataLocation.endsWith("/")) {
            dataLocation = dataLocation + "/";
        }
        interval = interval == null ? Duration.ofSeconds(5) : interval;
        statementTimeout = statementTimeout == null ? Duration.ofSeconds(60) : statementTimeout;
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("mesh.trino.interval must be positive, such as 5s; it was " + interval);
        }
    }

    /** The rules file: the one set, or {@code trino/rules.json} in {@code dataDir}. */
    public Path rulesFile(Path dataDir) {
        return rulesFile != null ? rulesFile : dataDir.resolve("trino").resolve("rules.json");
    }
}
