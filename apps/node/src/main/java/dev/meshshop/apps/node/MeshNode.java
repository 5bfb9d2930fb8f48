package dev.meshshop.apps.node;

import dev.meshshop.platform.pipelines.FlinkSessionCluster;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * One process of the mesh as separate containers. The same application, with every domain on its classpath, runs
 * in one of four roles, named by the first argument:
 *
 * <ul>
 *   <li>{@code domains} (the default): the domains named in {@code mesh.domains} ({@code MESH_DOMAINS}), each
 *       ingesting from the Kafka at {@code spring.kafka.bootstrap-servers} and refreshing its products on a
 *       schedule; docker-compose.yml starts one such process per domain;
 *   <li>{@code catalog}: the catalog's pages and REST API over the published products, the access API, and the
 *       mesh's issuer of tokens ({@code /oauth2/token});
 *   <li>{@code query}: the query service, SQL over HTTP and Arrow Flight SQL over the granted products;
 *   <li>{@code provision}: a one-shot that sends the simulated company's events to domains that have none yet,
 *       waits until every product is published, provisions Metabase's dashboards and exits.
 * </ul>
 *
 * <p>Two more roles run a Flink session cluster's processes without Spring, from the Flink runtime the domains'
 * Beam runner brings: {@code flink-jobmanager} and {@code flink-taskmanager}, followed by Flink's arguments (see
 * {@link FlinkSessionCluster}); docker-compose.scale.yml starts them.
 *
 * <p>Unlike the embedded launcher (apps/local), it starts no broker and keeps its data directory: Kafka and
 * the data live in volumes that outlast the containers.
 */
public final class MeshNode {

    /** What each role runs. */
    enum Role {
        // the catalog's process issues tokens (it owns the access log); the others validate them with the signing
        // key in the shared data directory
        DOMAINS(DomainsNode.class, WebApplicationType.SERVLET, Map.of("mesh.identity.issuer.enabled", "false")),
        // the catalog's pages ask their SQL over HTTP; Flight SQL is the query service's
        CATALOG(CatalogNode.class, WebApplicationType.SERVLET, Map.of("mesh.query.flight.enabled", "false")),
        QUERY(QueryNode.class, WebApplicationType.SERVLET, Map.of("mesh.identity.issuer.enabled", "false")),
        PROVISION(ProvisionNode.class, WebApplicationType.NONE);

        final Class<?> configuration;
        final WebApplicationType web;
        final Map<String, Object> defaults;

        Role(Class<?> configuration, WebApplicationType web) {
            this(configuration, web, Map.of());
        }

        Role(Class<?> configuration, WebApplicationType web, Map<String, Object> defaults) {
            this.configuration = configuration;
            this.web = web;
            this.defaults = defaults;
        }

        static Role named(String name) {
            return Arrays.stream(values())
                    .filter(role -> role.name().equalsIgnoreCase(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown role '" + name + "'; use one of "
                            + Arrays.stream(values())
                                    .map(role -> role.name().toLowerCase())
                                    .toList()));
        }

        SpringApplication application() {
            return new SpringApplicationBuilder(configuration)
                    .web(web)
                    .properties(Map.of("spring.application.name", "mesh-" + name().toLowerCase()))
                    .properties(defaults)
                    .build();
        }
    }

    /** The prefix of the roles that run a Flink session cluster's processes. */
    static final String FLINK = "flink-";

    private MeshNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].startsWith(FLINK)) {
            var flink = args.clone();
            flink[0] = args[0].substring(FLINK.length());
            FlinkSessionCluster.main(flink);
            return;
        }
        var role = Role.named(args.length == 0 ? "domains" : args[0]);
        var rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        var context = role.application().run(rest);
        if (role == Role.PROVISION) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
