package dev.meshshop.platform.pipelines;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The entries of the class path that hold the mesh's own classes ({@code dev.meshshop}): what a cleaning ships to a
 * Flink cluster with each job. Beam, Flink and the other libraries are on the cluster's own class path, at the same
 * versions, so a job carries a few megabytes instead of the whole class path (ADR 30). A jar's manifest
 * {@code Class-Path} is followed, as the JVM does for {@code java -jar}.
 */
final class ProjectJars {

    static final String PACKAGE = "dev/meshshop/";

    private ProjectJars() {}

    /**
     * The mesh's entries of this JVM's class path, in class path order: found once, on the first job for a cluster
     * (the class path does not change while the JVM runs, and reading every jar's entries takes a while).
     */
    static List<String> onClassPath() {
        return OnClassPath.ENTRIES;
    }

    private static final class OnClassPath {
        static final List<String> ENTRIES = List.copyOf(of(System.getProperty("java.class.path", "")));
    }

    /** The mesh's entries of {@code classPath}, entries separated as the platform separates them. */
    static List<String> of(String classPath) {
        var entries = new LinkedHashSet<Path>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                expand(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        var project = new ArrayList<String>();
        for (Path entry : entries) {
            if (holdsTheMesh(entry)) {
                project.add(entry.toString());
            }
        }
        return project;
    }

    private static void expand(Path entry, LinkedHashSet<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        try (var jar = new JarFile(entry.toFile())) {
            var manifest = jar.getManifest();
            String classPath =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath != null) {
                for (String relative : classPath.trim().split("\\s+")) {
                    if (!relative.isEmpty() && !relative.contains(":")) {
                        expand(entry.resolveSibling(relative).normalize(), entries);
                    }
                }
            }
        } catch (IOException e) {
            // not a jar: the JVM ignores it too
        }
    }

    /** Whether {@code entry}, a directory of classes or a jar, holds a class of the mesh. */
    static boolean holdsTheMesh(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isDirectory(entry.resolve(PACKAGE));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (var jar = new JarFile(entry.toFile())) {
            return jar.stream().anyMatch(file -> file.getName().startsWith(PACKAGE) && !file.isDirectory());
        } catch (IOException e) {
            return false;
        }
    }
}
