package dev.meshshop.apps.local;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded mesh's settings, under {@code mesh.local.*}. The broker's port, {@code mesh.local.kafka-port}, is
 * not bound here: {@link EmbeddedBroker} reads it before the context exists.
 *
 * @param scale how much simulated business to generate: 1 is a year, about a million events over all domains
 * @param seed the simulation's seed; the same seed gives the same company
 * @param liveRate events per second over the domains that the company keeps trading at after the fill, while the
 *     mesh's clock runs on from the end of the year; 0 (the default) stops at the end of the year
 */
@ConfigurationProperties("mesh.local")
public record LocalProperties(
        double scale, long seed, @DefaultValue("0") double liveRate) {

    public LocalProperties {
        if (!(liveRate >= 0) || Double.isInfinite(liveRate)) {
            throw new IllegalArgumentException(
                    "mesh.local.live-rate is events per second over the domains, such as 200,"
                            + " or 0 to stop at the end of the simulated year; was " + liveRate);
        }
    }
}
