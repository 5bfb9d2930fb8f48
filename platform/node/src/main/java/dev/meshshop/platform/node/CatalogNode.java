package dev.meshshop.platform.node;

import dev.meshshop.platform.starter.MeshAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;

/**
 * The role {@code catalog}: the catalog's REST API over what is published under {@code mesh.data-dir}. It runs no
 * domain and needs no broker; it only reads the published output ports.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {MeshAutoConfiguration.class, KafkaAutoConfiguration.class})
class CatalogNode {}
