package dev.meshshop.apps.node;

import dev.meshshop.platform.catalog.CatalogAutoConfiguration;
import dev.meshshop.platform.query.QueryAutoConfiguration;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The role {@code provision}: {@link Provisioning} runs once and the process exits. The domains' auto-configuration
 * contributes their definitions (events, simulators, products) but no domain runs here: their areas belong to the
 * domains' own processes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
        exclude = {MeshAutoConfiguration.class, CatalogAutoConfiguration.class, QueryAutoConfiguration.class})
@EnableConfigurationProperties({MeshProperties.class, ProvisionProperties.class})
@Import(Provisioning.class)
class ProvisionNode {}
