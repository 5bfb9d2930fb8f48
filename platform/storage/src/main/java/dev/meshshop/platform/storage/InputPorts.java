package dev.meshshop.platform.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consumer domain's input ports: the other domains' products it reads, each pinned to a major version.
 * Each becomes a view in the consumer's {@code external} zone, {@code external.<domain>_<product>}, over the
 * producer's current Parquet snapshot. The view is the consumer's anti-corruption layer: its models read the
 * view, never the producer's area or topics, and it is re-pointed at every refresh.
 */
public final class InputPorts {

    private InputPorts() {}

    /** The name of the view through which {@code product} is read in a consumer's area. */
    public static String viewName(ProductId product) {
        return "external." + product.domain() + "_" + product.name();
    }

    /**
     * Creates or replaces the views of {@code ports} in {@code area}, pointing each at the snapshot its
     * producer serves now. Returns the views by product. Fails, naming the port, when a product is not
     * published at the pinned major version.
     */
    public static Map<ProductId, String> attach(
            DomainArea area, MeshDirectory mesh, List<ProductDescriptor.InputPort> ports) {
        var views = new LinkedHashMap<ProductId, String>();
        area.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                for (var port : ports) {
                    var product = ProductId.parse(port.product());
                    if (product.domain().equals(area.domain())) {
                        throw new StorageException("Domain " + area.domain() + " declares its own product " + product
                                + " as an input port; read it from its own model zone instead");
                    }
                    var published = mesh.find(product, port.major())
                            .orElseThrow(() -> new StorageException("Input port " + product + " v" + port.major()
                                    + " of domain " + area.domain() + " is not published"
                                    + mesh.latest(product)
                                            .map(latest -> "; the newest published major version is v" + latest.major()
                                                    + ": pin it in the descriptor")
                                            .orElse(" yet; its owner publishes it on their next refresh")));
                    String view = viewName(product);
                    statement.execute("CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM read_parquet('"
                            + published.dataFile().toString().replace("'", "''") + "')");
                    views.put(product, view);
                }
            }
            return null;
        });
        return views;
    }
}
