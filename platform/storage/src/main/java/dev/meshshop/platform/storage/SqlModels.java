package dev.meshshop.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A domain's SQL models: resources of SQL statements, run in order in one transaction against the domain's
 * area. A model reads the {@code clean} (and {@code external}) zone and writes the {@code model} zone, where
 * output ports read from. If any statement fails, no model changes. The models may use the platform's table macros
 * {@code entity_history} and {@code entity_latest} ({@link EntityHistories}).
 */
public final class SqlModels {

    private final List<Model> models;

    private SqlModels(List<Model> models) {
        this.models = models;
    }

    /** One model file: its resource name and its statements. */
    public record Model(String resource, List<String> statements) {}

    public static SqlModels fromClasspath(List<String> resources, ClassLoader loader) {
        return new SqlModels(
                resources.stream().map(resource -> load(resource, loader)).toList());
    }

    public List<Model> models() {
        return models;
    }

    /** Runs every model; returns how long it took. */
    public Duration run(DomainArea area) {
        long start = System.nanoTime();
        area.inTransaction(connection -> {
            EntityHistories.define(connection);
            try (var statement = connection.createStatement()) {
                for (Model model : models) {
                    for (String sql : model.statements()) {
                        try {
                            statement.execute(sql);
                        } catch (java.sql.SQLException e) {
                            throw new StorageException(
                                    "Model " + model.resource() + " of domain " + area.domain() + " failed: "
                                            + e.getMessage(),
                                    e);
                        }
                    }
                }
            }
            return null;
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Model load(String resource, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("The SQL model " + resource + " is missing from the classpath");
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Statements end with a semicolon at the end of a line; comments are kept with their statement.
            var statements = Arrays.stream(sql.split(";\\s*(\\r?\\n|$)"))
                    .filter(statement -> !statement
                            .lines()
                            .map(String::strip)
                            .allMatch(line -> line.isEmpty() || line.startsWith("--")))
                    .toList();
            return new Model(resource, statements);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the SQL model " + resource, e);
        }
    }
}
