package dev.meshshop.enabling.template;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The two lines of wiring a new domain needs outside its own folder, made as text edits so that the files keep
 * their layout and comments: its module in the reactor, and its artifact on the embedded launcher's class path.
 */
final class PomEdits {

    private static final Pattern PROJECT_VERSION =
            Pattern.compile("<artifactId>mesh-shop</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern MODULE = Pattern.compile("(?m)^([ \\t]*)<module>([^<]+)</module>[ \\t]*$");
    private static final Pattern MESH_DEPENDENCY = Pattern.compile(
            "(?m)^([ \\t]*)<dependency>\\s*<groupId>dev\\.meshshop</groupId>.*?</dependency>[ \\t]*$", Pattern.DOTALL);

    private PomEdits() {}

    /** The version of the mesh the root pom builds, which the new module's parent names. */
    static String projectVersion(Path rootPom) {
        if (!Files.exists(rootPom)) {
            throw new IllegalArgumentException(
                    "No pom.xml in " + rootPom.getParent() + ": generate into the root of a Mesh Shop repository");
        }
        var version = PROJECT_VERSION.matcher(NewDomain.read(rootPom));
        if (!version.find()) {
            throw new IllegalArgumentException(rootPom + " is not the pom of Mesh Shop (artifactId mesh-shop)");
        }
        return version.group(1);
    }

    /** Adds {@code <module>path</module>} after the last module of the reactor's domains, or the last module. */
    static String addModule(Path rootPom, String path) {
        String pom = NewDomain.read(rootPom);
        var modules = MODULE.matcher(pom);
        int insertAt = -1;
        String indent = "    ";
        while (modules.find()) {
            if (insertAt < 0 || modules.group(2).startsWith("domains/")) {
                insertAt = modules.end();
                indent = modules.group(1);
            }
        }
        String line = indent + "<module>" + path + "</module>";
        if (insertAt < 0) {
            int end = pom.indexOf("</modules>");
            if (end < 0) {
                return "Add " + line.strip() + " to the modules of pom.xml: it has none.\n";
            }
            NewDomain.write(rootPom, pom.substring(0, end) + line.strip() + "\n  " + pom.substring(end));
        } else {
            NewDomain.write(rootPom, pom.substring(0, insertAt) + "\n" + line + pom.substring(insertAt));
        }
        return "Added " + path + " to the modules of pom.xml.\n";
    }

    /**
     * Adds the domain's artifact after the launcher's last dependency on a Mesh Shop artifact outside test scope, at
     * runtime scope as every domain there: the launcher runs the domain, its code never names it.
     */
    static String addDependency(Path launcherPom, String artifactId) {
        if (!Files.exists(launcherPom)) {
            return "No apps/local/pom.xml: the embedded launcher does not run the new domain.\n";
        }
        String pom = NewDomain.read(launcherPom);
        var dependencies = MESH_DEPENDENCY.matcher(pom);
        int insertAt = -1;
        String indent = "    ";
        while (dependencies.find()) {
            if (!dependencies.group().contains("<scope>test</scope>")) {
                insertAt = dependencies.end();
                indent = dependencies.group(1);
            }
        }
        if (insertAt < 0) {
            return "apps/local/pom.xml has no dev.meshshop dependency outside test scope to add " + artifactId
                    + " beside.\n";
        }
        String dependency = "\n" + indent + "<dependency>\n"
                + indent + "  <groupId>dev.meshshop</groupId>\n"
                + indent + "  <artifactId>" + artifactId + "</artifactId>\n"
                + indent + "  <version>${project.version}</version>\n"
                + indent + "  <scope>runtime</scope>\n"
                + indent + "</dependency>";
        NewDomain.write(launcherPom, pom.substring(0, insertAt) + dependency + pom.substring(insertAt));
        return "Added " + artifactId + " to the embedded launcher, apps/local/pom.xml.\n";
    }
}
