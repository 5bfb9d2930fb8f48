package dev.meshshop.platform.starter;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a process takes part in the mesh, under the {@code mesh.*} prefix.
 *
 * @param dataDir where domain areas and published output ports live ({@code MESH_DATA_DIR})
 * @param runner where cleaning pipelines run: {@code flink} (in-process Flink, the default),
 *     {@code flink:<host:port>} (a Flink cluster) or {@code direct} (Beam's direct runner, small inputs only)
 * @param topicPartitions partitions of each domain topic the platform creates
 * @param snapshotsKept snapshots kept per output port
 * @param refreshInterval how often each domain cleans, models and publishes when new events arrived or an input
 *     port's product changed; zero turns periodic refresh off
 * @param asOf the instant the mesh judges its data at, for freshness: empty means now; a simulated company sets
 *     it to the end of its simulated year
 * @param personalDataSalt the secret that personal data is hashed with, at least 16 bytes
 *     ({@code MESH_PERSONAL_DATA_SALT}); the same in every process of a mesh, so hashed values join across domains.
 *     When not set, one is generated once per data directory and kept in {@code <data-dir>/mesh-secret}
 * @param domains the names of the domains this process runs ({@code MESH_DOMAINS=checkout,payment}); empty runs
 *     every domain on the classpath. One application with all domains can so run each domain in its own process
 */
@ConfigurationProperties("mesh")
public record MeshProperties(
        @DefaultValue(".mesh-data") Path dataDir,
        @DefaultValue("flink") String runner,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("5") int snapshotsKept,
        @DefaultValue("60s") Duration refreshInterval,
        Instant asOf,
        String personalDataSalt,
        @DefaultValue List<String> domains) {}
