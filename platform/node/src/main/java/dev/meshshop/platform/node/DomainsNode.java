package dev.meshshop.platform.node;

import dev.meshshop.platform.catalog.CatalogAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The role {@code domains}: the platform's auto-configuration runs the domains named in {@code mesh.domains};
 * Actuator reports their health. The catalog runs in a process of its own.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = CatalogAutoConfiguration.class)
class DomainsNode {}
