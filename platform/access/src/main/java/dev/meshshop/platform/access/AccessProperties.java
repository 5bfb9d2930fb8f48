package dev.meshshop.platform.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the mesh grants access, under {@code mesh.access.*}.
 *
 * @param approveDeclaredInputPorts whether the platform approves the request it files for every input port a
 *     domain declares, as the owner's standing agreement (recorded with actor {@code <owner-team> (standing
 *     agreement)}). On by default so the embedded mesh fills itself; a real deployment turns it off, and each
 *     consumer's refresh then fails with "not granted" until the owner approves
 * @param restrictedClassifications the ODCS {@code classification}s whose properties consumers read without,
 *     unless the contract opens a property to them ({@link RestrictedColumns})
 * @param usageKept how many of the newest reads the usage audit answers from memory
 */
@ConfigurationProperties("mesh.access")
public record AccessProperties(
        @DefaultValue("true") boolean approveDeclaredInputPorts,
        @DefaultValue({"restricted", "confidential"}) List<String> restrictedClassifications,
        @DefaultValue("10000") int usageKept) {}
