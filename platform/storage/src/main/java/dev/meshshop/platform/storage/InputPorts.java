package dev.meshshop.platform.storage;

import dev.meshshop.platform.contracts.Sql;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A consumer domain's input ports: the other domains' products it reads, each pinned to a major version.
 * Each becomes a view in the consumer's {@code external} zone, {@code external.<domain>_<product>}, over the
 * producer's current Parquet snapshot. The view is the consumer's anti-corruption layer: its models read the
 * view, never the producer's area or topics, and it is re-pointed at every refresh.
 *
 * <p>A port resolves only when the consumer has been granted the product ({@link AccessCheck}), and its view leaves
 * out the columns the product's contract keeps from the consumer. An optional port whose product is not published yet
 * gets no view, and does not fail the others.
 */
public final class InputPorts {

    private InputPorts() {}

    /** The name of the view through which {@code product} is read in a consumer's area. */
    public static String viewName(ProductId product) {
        return "external." + product.domain() + "_" + product.name();
    }

    /**
     * Like {@link #attach(DomainArea, MeshDirectory, List, AccessCheck)} without asking for grants: for tests and
     * tools that read a mesh without access control.
     */
    public static Map<ProductId, String> attach(
            DomainArea area, MeshDirectory mesh, List<ProductDescriptor.InputPort> ports) {
        return attach(area, mesh, ports, AccessCheck.unchecked());
    }

    /**
     * Creates or replaces the views of {@code ports} in {@code area}, pointing each at the snapshot its producer
     * serves now. Returns the views by product. Fails, naming the ports, when the area's domain has not been granted
     * a product (saying how to request it), and, naming the port, when a product is not published at the pinned
     * major version.
     */
    public static Map<ProductId, String> attach(
            DomainArea area, MeshDirectory mesh, List<ProductDescriptor.InputPort> ports, AccessCheck access) {
        return attach(area, mesh, ports, access, java.time.Instant.now());
    }

    /**
     * As {@link #attach(DomainArea, MeshDirectory, List, AccessCheck)}, judging the pinned major versions at {@code
     * now}, the mesh's time: a port pinned to a version retired by then fails, saying how to migrate (ADR 23).
     */
    public static Map<ProductId, String> attach(
            DomainArea area,
            MeshDirectory mesh,
            List<ProductDescriptor.InputPort> ports,
            AccessCheck access,
            java.time.Instant now) {
        var versions = new ProductVersions(mesh);
        String consumer = area.domain();
        var refusals = new ArrayList<String>();
        for (var port : ports) {
            var product = ProductId.parse(port.product());
            if (product.domain().equals(consumer)) {
                throw new StorageException("Domain " + consumer + " declares its own product " + product
                        + " as an input port; read it from its own model zone instead");
            }
            access.refusal(consumer, product).ifPresent(refusals::add);
        }
        if (!refusals.isEmpty()) {
            throw new StorageException("Domain " + consumer + " may not read "
                    + (refusals.size() == 1 ? "an input port" : refusals.size() + " of its input ports") + ": "
                    + String.join("; ", refusals));
        }
        var views = new LinkedHashMap<ProductId, String>();
        area.inTransaction(connection -> {
            try (var statement = connection.createStatement()) {
                for (var port : ports) {
                    var product = ProductId.parse(port.product());
                    if (port.optional() && mesh.find(product, port.major()).isEmpty()) {
                        // its domain does not wait for it (ADR 27): no view until it is published
                        continue;
                    }
                    PublishedPort published;
                    try {
                        published = versions.find(product, port.major(), now)
                                .orElseThrow(() -> new StorageException("Input port " + product + " v" + port.major()
                                        + " of domain " + consumer + " is not published"
                                        + mesh.latest(product)
                                                .map(latest -> "; the newest published major version is v"
                                                        + latest.major() + ": pin it in the descriptor")
                                                .orElse(" yet; its owner publishes it on their next refresh")));
                    } catch (ProductVersions.VersionRetired retired) {
                        throw new ProductVersions.VersionRetired("Input port " + product + " v" + port.major()
                                + " of domain " + consumer + ": " + retired.getMessage());
                    }
                    String view = viewName(product);
                    statement.execute("CREATE OR REPLACE VIEW " + view + " AS "
                            + readSql(published, access.hiddenColumns(consumer, published)));
                    views.put(product, view);
                }
            }
            return null;
        });
        return views;
    }

    /**
     * The query a reader's view runs over {@code port}'s current snapshot, without {@code hiddenColumns}: {@code
     * SELECT * EXCLUDE ("a", "b") FROM read_parquet('...')}.
     */
    public static String readSql(PublishedPort port, Collection<String> hiddenColumns) {
        String select = hiddenColumns.isEmpty()
                ? "SELECT *"
                : hiddenColumns.stream()
                        .sorted()
                        .map(Sql::identifier)
                        .collect(Collectors.joining(", ", "SELECT * EXCLUDE (", ")"));
        return select + " FROM read_parquet(" + Sql.literal(port.dataFile()) + ")";
    }
}
