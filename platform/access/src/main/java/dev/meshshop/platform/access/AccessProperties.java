package dev.meshshop.platform.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the mesh grants access, under {@code mesh.access.*}.
 *
 * @param approveDeclaredInputPorts whether the platform approves the request it files for every input port a
 *     domain declares, as the owner's standing agreement (recorded with actor {@code <owner-team> (standing
 *     agreement)}). On by default so the embedded mesh fills itself; a real deployment turns it off, and each
 *     consumer's refresh then fails with "not granted" until the owner approves
 * @param restrictedClassifications the ODCS {@code classification}s whose properties consumers read without,
 *     unless the contract opens a property to them ({@link RestrictedColumns})
 * @param usageKept how many of the newest reads the usage audit answers from memory (each at most about 10 KB)
 * @param usageFileSize the size past which the usage audit's file {@code usage.jsonl} is rotated
 * @param usageFiles how many files of the usage audit are kept, the current one included: the audit takes at most
 *     about {@code usageFiles * usageFileSize} on disk
 */
@ConfigurationProperties("mesh.access")
public record AccessProperties(
        @DefaultValue("true") boolean approveDeclaredInputPorts,
        @DefaultValue({"restricted", "confidential"}) List<String> restrictedClassifications,
        @DefaultValue("10000") int usageKept,
        @DefaultValue("16MB") DataSize usageFileSize,
        @DefaultValue("4") int usageFiles) {}
