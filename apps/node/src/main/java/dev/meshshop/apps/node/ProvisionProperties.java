package dev.meshshop.apps.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the one-shot {@code provision} does, under {@code mesh.provision.*}.
 *
 * @param scale how much simulated business to send: 1 is a year, about a million events over all domains
 * @param seed the simulation's seed; the same seed gives the same company
 * @param productsTimeout how long to wait for every domain to publish all its products
 * @param metabase where the dashboards go; without a URL, Metabase is left alone
 */
@ConfigurationProperties("mesh.provision")
record ProvisionProperties(
        @DefaultValue("0.05") double scale,
        @DefaultValue("42") long seed,
        @DefaultValue("15m") Duration productsTimeout,
        @DefaultValue Metabase metabase) {

    /**
     * @param url where Metabase answers, such as {@code http://metabase:3000}
     * @param adminEmail the admin created on a new Metabase, or the one that signs in
     * @param adminPassword that admin's password
     * @param apiKey an API key to use instead of signing in, once Metabase is set up
     * @param dataDir the mesh's data directory as Metabase sees it; empty means the same as {@code mesh.data-dir}
     * @param timeout how long one call to Metabase may take
     * @param startTimeout how long to wait for Metabase to become healthy before giving up
     */
    record Metabase(
            URI url,
            String adminEmail,
            String adminPassword,
            String apiKey,
            Path dataDir,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("10m") Duration startTimeout) {}
}
