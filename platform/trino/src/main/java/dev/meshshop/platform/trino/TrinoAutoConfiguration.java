package dev.meshshop.platform.trino;

import dev.meshshop.platform.access.AccessAutoConfiguration;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductVersions;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Trino kept current with the mesh, in the process that owns the access log, when {@code mesh.trino.url} names a
 * Trino: one process writes Trino's catalog and rules (ADR 30), so only the catalog's configuration sets it.
 */
@AutoConfiguration(
        after = AccessAutoConfiguration.class,
        afterName = "dev.meshshop.platform.starter.MeshAutoConfiguration")
@ConditionalOnProperty(name = "mesh.trino.url")
@EnableConfigurationProperties(TrinoSettings.class)
public class TrinoAutoConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(AccessRequests.class)
    TrinoCatalogSync trinoCatalogSync(
            ObjectProvider<MeshLayout> layout,
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir,
            AccessRequests access,
            TrinoSettings settings,
            ObjectProvider<Clock> meshClock,
            @Value(ProductVersions.AS_OF_PLACEHOLDER) String asOf) {
        return new TrinoCatalogSync(
                layout.getIfAvailable(() -> new MeshLayout(dataDir)),
                access,
                ProductVersions.readersClock(meshClock.getIfUnique(), asOf),
                settings);
    }
}
