package dev.meshshop.apps.node;

import dev.meshshop.platform.catalog.CatalogAutoConfiguration;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;

/**
 * The role {@code query}: the query service over what is published under {@code mesh.data-dir}, as SQL over HTTP
 * ({@code POST /api/query}) and Arrow Flight SQL, with the grants of the access log and the usage audit. It runs
 * no domain, needs no broker and serves no catalog pages: a process of its own, so that its memory limit is the
 * queries' and a heavy query never slows the catalog.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
        exclude = {MeshAutoConfiguration.class, KafkaAutoConfiguration.class, CatalogAutoConfiguration.class})
class QueryNode {}
