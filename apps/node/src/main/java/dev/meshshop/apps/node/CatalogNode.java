package dev.meshshop.apps.node;

import dev.meshshop.platform.starter.MeshAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;

/**
 * The role {@code catalog}: the catalog's pages and REST API over what is published under {@code mesh.data-dir},
 * and the access API where consumers request products and owners decide: in docker-compose.yml the catalog owns
 * the access log. It runs no domain and needs no broker. Its pages' SQL box is answered here too, over HTTP only;
 * tools use the query service (role {@code query}), which also serves Flight SQL.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {MeshAutoConfiguration.class, KafkaAutoConfiguration.class})
class CatalogNode {}
