package dev.meshshop.platform.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A step of a domain's model stage written in Java, for what SQL cannot do: train a model, score rows with one,
 * render a report. It runs after the domain's SQL models, in the same refresh, and writes tables of the {@code model}
 * zone that output ports publish, like a SQL model (docs/adr/0027).
 *
 * <p>A step builds one product. When that product is left out of a refresh (an optional input port it reads is not
 * published yet), the step does not run.
 */
public interface ModelStep {

    /** The step's name, in logs and in the error of a refresh it fails. */
    String name();

    /** The name of the product (within the domain) whose relations the step writes, such as {@code delivery_time}. */
    String product();

    /** Runs the step against the domain's area; what it throws fails the refresh, which publishes nothing. */
    void run(Context context) throws Exception;

    /**
     * What a step works with.
     *
     * @param area the domain's private area: its {@code clean}, {@code external} and {@code model} zones
     * @param inputs the snapshots its domain's input ports read in this refresh, by product: for the files of a
     *     report or a model ({@link PublishedPort#artifactFile(String)}), which no view shows
     * @param now the mesh's time of the refresh
     */
    record Context(DomainArea area, Map<ProductId, PublishedPort> inputs, Instant now) {

        /** The snapshot the input port of {@code product} reads in this refresh; fails naming the port if none. */
        public PublishedPort input(String product) {
            var id = ProductId.parse(product);
            var port = inputs.get(id);
            if (port == null) {
                throw new StorageException("Domain " + area.domain() + " reads no published " + product
                        + " in this refresh: declare it as an input port in the descriptor of the product that uses"
                        + " it, and request access to it");
            }
            return port;
        }
    }

    /** A step named {@code name} that builds {@code product} by running {@code body}. */
    static ModelStep of(String name, String product, Body body) {
        Objects.requireNonNull(body, "body");
        return new ModelStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String product() {
                return product;
            }

            @Override
            public void run(Context context) throws Exception {
                body.run(context);
            }
        };
    }

    /** What a step does. */
    @FunctionalInterface
    interface Body {
        void run(Context context) throws Exception;
    }
}
