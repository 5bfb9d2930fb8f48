package dev.meshshop.apps.node;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * A compose file with the {@code .env} beside it, read as docker compose reads them (YAML anchors and merge keys
 * resolved, {@code KEY=value} lines), without a Docker engine.
 *
 * @param file the compose file; build contexts are relative to its folder
 * @param envFile the variables it is interpolated with
 */
record ComposeProject(Path file, Path envFile) {

    /** The repository's own docker-compose.yml and .env, seen from this module's folder. */
    static final ComposeProject ROOT = new ComposeProject(
            Path.of("../../docker-compose.yml").toAbsolutePath().normalize(),
            Path.of("../../.env").toAbsolutePath().normalize());

    Path directory() {
        return file.getParent();
    }

    /** The compose file as a tree of maps, lists and scalars. */
    Map<String, Object> compose() {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> tree = new Yaml().load(reader);
            return tree == null ? Map.of() : tree;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The variables of the .env file, in their order. */
    Map<String, String> env() {
        try {
            var variables = new LinkedHashMap<String, String>();
            for (String line : Files.readAllLines(envFile)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int equals = text.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException(envFile + ": not a KEY=value line: " + line);
                }
                String value = text.substring(equals + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\""))) {
                    value = value.substring(1, value.length() - 1);
                }
                variables.put(text.substring(0, equals).strip(), value);
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + envFile, e);
        }
    }
}
