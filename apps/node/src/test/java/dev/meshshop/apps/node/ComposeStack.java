package dev.meshshop.apps.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A compose project driven through whichever compose command the machine has: {@code docker compose} (Compose v2)
 * or {@code docker-compose} (v1). Every command's output goes to a log file; a command that fails throws with the
 * end of its output.
 *
 * @param command the compose command, such as {@code [docker, compose]}
 * @param files the compose files, the first one's folder being the project's (its .env is read)
 * @param project the project name, which prefixes its containers, networks and volumes
 * @param env the variables compose runs with; they take precedence over the .env file
 * @param log where every command and its output is appended
 */
record ComposeStack(List<String> command, List<Path> files, String project, Map<String, String> env, Path log) {

    /** The compose command of this machine, if it has one. */
    static Optional<List<String>> composeCommand() {
        for (var candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            var version = new ArrayList<>(candidate);
            version.add("version");
            try {
                var process = new ProcessBuilder(version)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(candidate);
                }
                process.destroyForcibly();
            } catch (IOException e) {
                // not installed: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Runs {@code compose <args>} for this project and returns its output. */
    String compose(Duration timeout, String... args) {
        var line = new ArrayList<>(command);
        files.forEach(file -> {
            line.add("-f");
            line.add(file.toString());
        });
        line.add("-p");
        line.add(project);
        line.addAll(Arrays.asList(args));
        return run(line, timeout);
    }

    /** Runs {@code docker <args>} and returns its output. */
    String docker(Duration timeout, String... args) {
        var line = new ArrayList<String>();
        line.add("docker");
        line.addAll(Arrays.asList(args));
        return run(line, timeout);
    }

    /** The id of a service's container, running or exited; empty when it has none. */
    String container(String service) {
        return compose(Duration.ofMinutes(1), "ps", "-a", "-q", service).strip();
    }

    /** A container's state, read with a {@code docker inspect} Go template such as {@code {{.State.Status}}}. */
    String inspect(String container, String template) {
        return docker(Duration.ofMinutes(1), "inspect", "--format", template, container)
                .strip();
    }

    private String run(List<String> line, Duration timeout) {
        try {
            var output = Files.createTempFile(log.getParent(), "compose", ".out");
            try {
                var builder = new ProcessBuilder(line)
                        .directory(files.get(0).getParent().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                builder.environment().putAll(env);
                var process = builder.start();
                boolean done = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
                if (!done) {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                Files.writeString(
                        log,
                        "$ " + String.join(" ", line) + "\n" + text + "\n",
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                if (!done) {
                    throw new IllegalStateException("'" + String.join(" ", line) + "' did not end within "
                            + timeout.toSeconds() + " s; its output so far:\n" + tail(text));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("'" + String.join(" ", line) + "' failed with exit code "
                            + process.exitValue() + ":\n" + tail(text));
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + line, e);
        }
    }

    private static String tail(String text) {
        var lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
