package dev.meshshop.governance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a domain has besides its products that policies look at: the SQL models that build its products, and
 * the topics its events travel on.
 */
public record DomainSources(List<SqlModel> models, List<String> topics) {

    public static final DomainSources NONE = new DomainSources(List.of(), List.of());

    public DomainSources {
        models = List.copyOf(models);
        topics = List.copyOf(topics);
    }

    /** One SQL model: the resource it came from and its text. */
    public record SqlModel(String resource, String sql) {}

    /** Reads the domain's SQL model resources, such as {@code mesh/checkout/models/orders.sql}. */
    public static DomainSources fromClasspath(List<String> modelResources, List<String> topics, ClassLoader loader) {
        return new DomainSources(
                modelResources.stream()
                        .map(resource -> new SqlModel(resource, read(resource, loader)))
                        .toList(),
                topics);
    }

    static String read(String resource, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("The resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the resource " + resource, e);
        }
    }
}
