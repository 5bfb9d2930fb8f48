package dev.meshshop.platform.local;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded mesh's settings, under {@code mesh.local.*}.
 *
 * @param scale how much simulated business to generate: 1 is a year, about a million events per domain
 * @param seed the simulation's seed; the same seed gives the same company
 * @param kafkaPort the port of the embedded Kafka broker, for tools that want to watch the topics
 */
@ConfigurationProperties("mesh.local")
public record LocalProperties(double scale, long seed, int kafkaPort) {}
