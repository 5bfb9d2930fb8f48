package dev.meshshop.apps.node;

import dev.meshshop.platform.catalog.CatalogAutoConfiguration;
import dev.meshshop.platform.query.QueryAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The role {@code domains}: the platform's auto-configuration runs the domains named in {@code mesh.domains};
 * Actuator reports their health. The catalog and the query service run in processes of their own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {CatalogAutoConfiguration.class, QueryAutoConfiguration.class})
class DomainsNode {}
