package dev.meshshop.enabling.workshop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs the repository's Maven wrapper in a process of its own, as a participant runs it from a shell. */
final class Maven {

    /** What a run printed, standard error included, and how it ended. */
    record Run(int exitCode, String output) {

        /** The last {@code lines} lines of the output, for a failure message. */
        String tail(int lines) {
            var all = output.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    private Maven() {}

    /** The local repository of the build that runs the tests, so that nested builds find everything offline. */
    static String userRepository() {
        return System.getProperty(
                "mesh.maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
    }

    /**
     * The local repositories a nested build reads from besides its own: the user's, if asked, and the read-only ones
     * the build that runs the tests was given with {@code -Dmaven.repo.local.tail}, if any.
     */
    static String tail(boolean withUserRepository) {
        var repositories = new ArrayList<String>();
        if (withUserRepository) {
            repositories.add(userRepository());
        }
        String tail = System.getProperty("mesh.maven.repo.local.tail", "");
        if (!tail.isBlank() && !tail.startsWith("${")) {
            repositories.add(tail);
        }
        return String.join(",", repositories);
    }

    /** Runs a command as a lab shows it, {@code ./mvnw ...}, from the repository's root, with {@code extra} options. */
    static Run runCommand(Path repository, String command, String... extra) {
        var words = command.strip().split("\\s+");
        if (!words[0].equals("./mvnw")) {
            throw new AssertionError("Not a command of the Maven wrapper: " + command);
        }
        var args = new ArrayList<>(Arrays.asList(words).subList(1, words.length));
        args.addAll(List.of(extra));
        args.add("-Dmaven.repo.local=" + userRepository());
        if (!tail(false).isEmpty()) {
            args.add("-Dmaven.repo.local.tail=" + tail(false));
        }
        return run(repository, null, args.toArray(String[]::new));
    }

    /** Runs the wrapper with {@code args} from {@code repository}; its output also goes to {@code log}, if given. */
    static Run run(Path repository, Path log, String... args) {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        var command = new ArrayList<String>();
        command.add(repository.resolve(windows ? "mvnw.cmd" : "mvnw").toString());
        command.addAll(List.of(args));
        try {
            Path output = log != null ? log : Files.createTempFile("maven", ".log");
            var process = new ProcessBuilder(command)
                    .directory(repository.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("Maven did not finish within 20 minutes: " + command);
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            if (log == null) {
                Files.delete(output);
            }
            return new Run(process.exitValue(), printed);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }
}
