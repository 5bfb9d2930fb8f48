package dev.meshshop.apps.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What can be checked of a compose file without a Docker engine, beyond what {@code docker compose config}
 * checks: that it runs what this repository builds, pinned, healthy before it is needed, within memory limits,
 * with its data where every process expects it. Each problem is one line that names the service.
 *
 * @param reactor the folder of the Maven reactor whose modules the images build
 */
record ComposeCheck(ComposeProject project, Path reactor) {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+][^}]*)?}");
    private static final Pattern WHOLE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern PINNED = Pattern.compile("[^:]+(/[^:/]+)*:(?!latest$)[A-Za-z0-9._-]+");
    private static final List<String> CONDITIONS = List.of("service_healthy", "service_completed_successfully");
    private static final Pattern MAVEN_MODULE = Pattern.compile("\\s-pl\\s+([\\w./-]+)");
    private static final Pattern BUILT_JAR =
            Pattern.compile("COPY\\s+--from=\\S+\\s+/src/([\\w./-]+)/target/([\\w.-]+\\.jar)");
    private static final Pattern MODULES = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern FINAL_NAME = Pattern.compile("<finalName>([^<]+)</finalName>");

    /** Every problem found, in the order of the file; empty when there is none. */
    List<String> problems() {
        var problems = new ArrayList<String>();
        var compose = project.compose();
        var env = project.env();
        variables(compose, env, problems);
        var services = map(compose.get("services"));
        var declaredVolumes = map(compose.get("volumes")).keySet();
        var usedVolumes = new LinkedHashSet<String>();
        services.forEach((name, definition) -> {
            var service = map(definition);
            image(name, service, env, problems);
            if (service.get("mem_limit") == null) {
                problems.add("service " + name + ": no mem_limit");
            }
            boolean oneShot = "no".equals(String.valueOf(service.get("restart")));
            if (!oneShot && !hasHealthcheck(service)) {
                problems.add("service " + name + ": no healthcheck, so nothing can wait until it is ready");
            }
            dependencies(name, service, services, problems);
            mounts(service).forEach(mount -> {
                if (!mount.source().startsWith(".") && !mount.source().startsWith("/")) {
                    usedVolumes.add(mount.source());
                    if (!declaredVolumes.contains(mount.source())) {
                        problems.add(
                                "service " + name + ": volume " + mount.source() + " is not declared under volumes");
                    }
                }
            });
            if (service.get("build") != null) {
                build(name, map(service.get("build")), problems);
            }
            dataDirectories(name, service, services, problems);
        });
        declaredVolumes.stream()
                .filter(volume -> !usedVolumes.contains(volume))
                .forEach(volume -> problems.add("volume " + volume + " is declared but no service mounts it"));
        return problems;
    }

    private static void variables(Object node, Map<String, String> env, List<String> problems) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> variables(value, env, problems));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> variables(value, env, problems));
        } else if (node instanceof String text) {
            var matcher = VARIABLE.matcher(text);
            while (matcher.find()) {
                boolean hasDefault =
                        matcher.group(2) != null && matcher.group(2).matches(":?-.*");
                if (!env.containsKey(matcher.group(1)) && !hasDefault) {
                    problems.add("variable " + matcher.group(1) + " is used but .env does not define it");
                }
            }
        }
    }

    private static void image(
            String name, Map<String, Object> service, Map<String, String> env, List<String> problems) {
        String image = (String) service.get("image");
        if (image == null) {
            problems.add("service " + name + ": no image; name it through a variable of .env");
            return;
        }
        var variable = WHOLE_VARIABLE.matcher(image);
        if (!variable.matches()) {
            problems.add("service " + name + ": image " + image + " is not pinned through a variable of .env");
            return;
        }
        String value = env.get(variable.group(1));
        if (value != null && !PINNED.matcher(value).matches()) {
            problems.add("service " + name + ": image " + value + " (" + variable.group(1)
                    + ") has no version tag, or the tag latest");
        }
    }

    private static boolean hasHealthcheck(Map<String, Object> service) {
        var healthcheck = map(service.get("healthcheck"));
        return healthcheck.get("test") != null && !Boolean.TRUE.equals(healthcheck.get("disable"));
    }

    private static void dependencies(
            String name, Map<String, Object> service, Map<String, Object> services, List<String> problems) {
        var dependsOn = service.get("depends_on");
        if (dependsOn == null) {
            return;
        }
        if (!(dependsOn instanceof Map<?, ?> dependencies)) {
            problems.add("service " + name + ": depends_on lists services without a condition; it only waits until"
                    + " they started, not until they are ready");
            return;
        }
        dependencies.forEach((target, how) -> {
            var condition = map(how).get("condition");
            if (!services.containsKey(target)) {
                problems.add("service " + name + ": depends on " + target + ", which is not a service");
            } else if (!CONDITIONS.contains(condition)) {
                problems.add("service " + name + ": depends on " + target + " with condition " + condition
                        + "; use one of " + CONDITIONS);
            } else if (condition.equals("service_healthy") && !hasHealthcheck(map(services.get(target)))) {
                problems.add("service " + name + ": waits until " + target + " is healthy, but " + target
                        + " has no healthcheck");
            } else if (condition.equals("service_completed_successfully")
                    && !"no".equals(String.valueOf(map(services.get(target)).get("restart")))) {
                problems.add("service " + name + ": waits until " + target + " completed, but " + target
                        + " restarts; a one-shot needs restart: \"no\"");
            }
        });
    }

    private void build(String name, Map<String, Object> build, List<String> problems) {
        Path context = project.directory()
                .resolve(String.valueOf(build.getOrDefault("context", ".")))
                .normalize();
        if (!Files.isDirectory(context)) {
            problems.add("service " + name + ": build context " + context + " does not exist");
            return;
        }
        Path dockerfile = context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
        if (!Files.isRegularFile(dockerfile)) {
            problems.add("service " + name + ": Dockerfile " + dockerfile + " does not exist");
            return;
        }
        String text = read(dockerfile);
        var args = map(build.get("args")).keySet();
        text.lines()
                .map(String::strip)
                .filter(line -> line.startsWith("ARG ") && !line.contains("="))
                .map(line -> line.substring(4).strip())
                .filter(arg -> !args.contains(arg))
                .forEach(arg -> problems.add(
                        "service " + name + ": " + project.directory().relativize(dockerfile)
                                + " needs the build argument " + arg + ", which build.args does not pass"));
        var module = MAVEN_MODULE.matcher(text);
        if (!module.find()) {
            return;
        }
        if (!Files.isRegularFile(context.resolve("mvnw"))) {
            problems.add("service " + name + ": its Dockerfile builds with the Maven wrapper, but the build context "
                    + context + " is not the reactor's root");
        }
        var modules = MODULES.matcher(read(reactor.resolve("pom.xml")))
                .results()
                .map(result -> result.group(1).strip())
                .toList();
        String built = module.group(1);
        if (!modules.contains(built)) {
            problems.add("service " + name + ": its Dockerfile builds module " + built
                    + ", which the reactor's pom.xml does not list");
            return;
        }
        var finalName = FINAL_NAME
                .matcher(read(reactor.resolve(built).resolve("pom.xml")))
                .results()
                .map(result -> result.group(1))
                .findFirst();
        BUILT_JAR.matcher(text).results().forEach(copy -> {
            if (!copy.group(1).equals(built)) {
                problems.add("service " + name + ": its Dockerfile builds " + built + " but copies the jar of "
                        + copy.group(1));
            } else if (finalName.isEmpty() || !copy.group(2).equals(finalName.get() + ".jar")) {
                problems.add("service " + name + ": its Dockerfile copies " + copy.group(2) + ", but module " + built
                        + " builds " + finalName.map(jar -> jar + ".jar").orElse("a jar without a fixed name"));
            }
        });
    }

    /**
     * Every Mesh Shop process finds the data where {@code MESH_DATA_DIR} says, and Metabase finds the published
     * products where the provisioning tells it they are, on the same volume.
     */
    private static void dataDirectories(
            String name, Map<String, Object> service, Map<String, Object> services, List<String> problems) {
        var environment = map(service.get("environment"));
        Object dataDir = environment.get("MESH_DATA_DIR");
        if (dataDir == null) {
            return;
        }
        var own = mountAt(service, String.valueOf(dataDir));
        if (own.isEmpty()) {
            problems.add("service " + name + ": MESH_DATA_DIR is " + dataDir + ", where no volume is mounted");
            return;
        }
        Object metabaseUrl = environment.get("MESH_PROVISION_METABASE_URL");
        Object metabaseDir = environment.get("MESH_PROVISION_METABASE_DATA_DIR");
        if (metabaseUrl == null || metabaseDir == null) {
            return;
        }
        String host = URI.create(String.valueOf(metabaseUrl)).getHost();
        var metabase = map(services.get(host));
        var theirs = mountAt(metabase, String.valueOf(metabaseDir));
        if (theirs.isEmpty() || !theirs.get().source().equals(own.get().source())) {
            problems.add("service " + name + ": tells Metabase (" + host + ") the products are in " + metabaseDir
                    + ", but " + host + " does not mount " + own.get().source() + " there");
        }
    }

    private record Mount(String source, String target) {}

    private static List<Mount> mounts(Map<String, Object> service) {
        var mounts = new ArrayList<Mount>();
        for (Object volume : list(service.get("volumes"))) {
            if (volume instanceof String text) {
                var parts = text.split(":");
                if (parts.length >= 2) {
                    mounts.add(new Mount(parts[0], parts[1]));
                }
            } else {
                var definition = map(volume);
                mounts.add(
                        new Mount(String.valueOf(definition.get("source")), String.valueOf(definition.get("target"))));
            }
        }
        return mounts;
    }

    private static Optional<Mount> mountAt(Map<String, Object> service, String target) {
        return mounts(service).stream()
                .filter(mount -> Objects.equals(mount.target(), target))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> list ? list : List.of();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
