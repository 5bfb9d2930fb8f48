package dev.meshshop.platform.access;

import dev.meshshop.platform.access.web.AccessWebConfiguration;
import dev.meshshop.platform.identity.IdentityAutoConfiguration;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The mesh's access requests in a Spring Boot application, over {@code mesh.data-dir}: the grants every read is
 * checked against, the usage audit, and in a web application the HTTP API under
 * {@code /api/access}.
 */
@AutoConfiguration(after = IdentityAutoConfiguration.class)
@EnableConfigurationProperties(AccessProperties.class)
public class AccessAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AccessRequests accessRequests(
            ObjectProvider<MeshLayout> layout,
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir,
            AccessProperties properties,
            MeshIdentities identities) {
        return new AccessRequests(
                layout.getIfAvailable(() -> new MeshLayout(dataDir)),
                new RestrictedColumns(properties.restrictedClassifications()),
                Clock.systemUTC(),
                identities::knows);
    }

    @Bean
    @ConditionalOnMissingBean
    UsageLog usageLog(
            ObjectProvider<MeshLayout> layout,
            @Value(MeshLayout.DATA_DIR_PLACEHOLDER) Path dataDir,
            AccessProperties properties) {
        return new UsageLog(
                layout.getIfAvailable(() -> new MeshLayout(dataDir)),
                properties.usageKept(),
                properties.usageFileSize().toBytes(),
                properties.usageFiles());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import(AccessWebConfiguration.class)
    static class Web {}
}
