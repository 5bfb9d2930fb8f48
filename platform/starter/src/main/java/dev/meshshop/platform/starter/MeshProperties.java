package dev.meshshop.platform.starter;

import dev.meshshop.platform.storage.MeshLayout;
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
 *     {@code flink:<host:port>} (a Flink cluster) or {@code direct} (Beam's direct runner without its checks, small inputs only)
 * @param topicPartitions partitions of each domain topic the platform creates
 * @param snapshotsKept snapshots kept per output port
 * @param refreshInterval how often the platform looks for new raw records and new snapshots of input ports in each
 *     domain; zero turns the refresh driven by data off
 * @param refreshDebounce how long a domain collects new raw records before it refreshes (cleans what arrived, models,
 *     publishes): it refreshes at most this long after the first record that its last refresh did not see
 * @param refreshBatchCap how many new raw records make a domain refresh at once, without waiting for the debounce
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
        @DefaultValue(MeshLayout.DEFAULT_DATA_DIR) Path dataDir,
        @DefaultValue("flink") String runner,
        @DefaultValue("3") int topicPartitions,
        @DefaultValue("5") int snapshotsKept,
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("2s") Duration refreshDebounce,
        @DefaultValue("50000") long refreshBatchCap,
        Instant asOf,
        String personalDataSalt,
        @DefaultValue List<String> domains) {}
