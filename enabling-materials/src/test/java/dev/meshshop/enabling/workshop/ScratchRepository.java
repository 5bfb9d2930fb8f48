package dev.meshshop.enabling.workshop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A copy of the repository's skeleton to generate domains into, without touching the repository: the root
 * {@code pom.xml} without its modules (the generator adds its own) and the launcher's {@code pom.xml} (the
 * generator adds the domains to it). Its Maven repository holds the reactor's artifacts as the build made them, so
 * the generated modules build offline against this very version of the platform.
 */
final class ScratchRepository {

    private static final Pattern MODULES = Pattern.compile("(?s)<modules>.*?</modules>");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern OWN_ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<artifactId>mesh-shop</artifactId>\\s*<version>([^<]+)<");
    private static final Pattern POM_PACKAGING = Pattern.compile("<packaging>pom</packaging>");

    private ScratchRepository() {}

    static void create(Path repository, Path scratch) throws IOException {
        Files.createDirectories(scratch.resolve("apps/local"));
        String rootPom = Files.readString(repository.resolve("pom.xml"));
        Files.writeString(scratch.resolve("pom.xml"), MODULES.matcher(rootPom).replaceFirst("<modules>\n  </modules>"));
        Files.copy(repository.resolve("apps/local/pom.xml"), scratch.resolve("apps/local/pom.xml"));
    }

    /** Copies the module in {@code template} into {@code scratch/name}, replacing text, and adds it to the reactor. */
    static void addModule(Path scratch, String name, Path template, Map<String, String> replacements)
            throws IOException {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (var replacement : replacements.entrySet()) {
                    text = text.replace(replacement.getKey(), replacement.getValue());
                }
                Path target =
                        scratch.resolve(name).resolve(template.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.writeString(target, text);
            }
        }
        Path pom = scratch.resolve("pom.xml");
        Files.writeString(
                pom, Files.readString(pom).replace("</modules>", "  <module>" + name + "</module>\n  </modules>"));
    }

    /**
     * Puts every module the reactor has built into {@code localRepository}, as {@code mvn install} would: its pom,
     * and for a jar its compiled classes and resources.
     */
    static void installReactorArtifacts(Path repository, Path localRepository) throws IOException {
        String rootPom = Files.readString(repository.resolve("pom.xml"));
        String version = find(VERSION.matcher(rootPom), "the version of mesh-shop in the root pom");
        install(localRepository, "mesh-shop", version, repository.resolve("pom.xml"), null);
        var modules = MODULE.matcher(rootPom);
        while (modules.find()) {
            Path module = repository.resolve(modules.group(1));
            String pom = Files.readString(module.resolve("pom.xml"));
            String artifactId = find(OWN_ARTIFACT.matcher(pom), "the artifactId of " + module);
            Path classes = module.resolve("target/classes");
            boolean jar = !POM_PACKAGING.matcher(pom).find();
            if (!jar || Files.isDirectory(classes)) {
                install(localRepository, artifactId, version, module.resolve("pom.xml"), jar ? classes : null);
            }
        }
    }

    private static void install(Path localRepository, String artifactId, String version, Path pom, Path classes)
            throws IOException {
        Path dir = localRepository.resolve("dev/meshshop").resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"));
        if (classes != null) {
            try (OutputStream file = Files.newOutputStream(dir.resolve(artifactId + "-" + version + ".jar"));
                    var jar = new JarOutputStream(file);
                    Stream<Path> entries = Files.walk(classes)) {
                for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                    jar.putNextEntry(
                            new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                    Files.copy(entry, jar);
                    jar.closeEntry();
                }
            }
        }
    }

    private static String find(Matcher matcher, String what) {
        if (!matcher.find()) {
            throw new AssertionError("Cannot find " + what);
        }
        return matcher.group(1);
    }
}
