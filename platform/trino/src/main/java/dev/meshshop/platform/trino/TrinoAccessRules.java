package dev.meshshop.platform.trino;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The mesh's grants as Trino's file-based access control rules (ADR 30): Trino reloads the file at its refresh
 * period, so a grant approved in the catalog takes effect without a restart. The rules are the query service's:
 *
 * <ul>
 *   <li>the platform's user owns the catalog: it registers snapshots and replaces views, and reads everything;
 *   <li>a domain reads the views of the products it was granted and of its own products, without the columns their
 *       contracts restrict and do not open to it (Trino's {@code hide-inaccessible-columns} leaves them out of
 *       {@code SELECT *}, as the query service does);
 *   <li>nothing else: the per-snapshot tables, other domains' products, writes and other catalogs are denied, since
 *       Trino denies what no rule allows.
 * </ul>
 */
final class TrinoAccessRules {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrinoAccessRules() {}

    /** A view {@code consumer} may read, and the columns it reads it without. */
    record Readable(String consumer, String schema, String view, Set<String> hiddenColumns) {

        Readable {
            hiddenColumns = Set.copyOf(new TreeSet<>(hiddenColumns));
        }
    }

    /** The rules file's content: the platform's user owns {@code catalog}; each consumer reads what it may. */
    static String json(String platformUser, String catalog, Collection<Readable> readable) {
        var root = JSON.createObjectNode();
        var catalogs = root.putArray("catalogs");
        catalogs.addObject()
                .put("user", exactly(platformUser))
                .put("catalog", exactly(catalog))
                .put("allow", "all");
        var consumers = new TreeSet<String>();
        readable.forEach(read -> consumers.add(read.consumer()));
        if (!consumers.isEmpty()) {
            catalogs.addObject()
                    .put("user", anyOf(consumers))
                    .put("catalog", exactly(catalog))
                    .put("allow", "read-only");
        }

        root.putArray("schemas").addObject().put("user", exactly(platformUser)).put("owner", true);

        var tables = root.putArray("tables");
        tables.addObject()
                .put("user", exactly(platformUser))
                .put("catalog", exactly(catalog))
                .set(
                        "privileges",
                        strings(List.of("SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP", "GRANT_SELECT")));
        var sorted = new ArrayList<>(readable);
        sorted.sort(java.util.Comparator.comparing(Readable::consumer)
                .thenComparing(Readable::schema)
                .thenComparing(Readable::view));
        for (var read : sorted) {
            ObjectNode rule = tables.addObject()
                    .put("user", exactly(read.consumer()))
                    .put("catalog", exactly(catalog))
                    .put("schema", exactly(read.schema()))
                    .put("table", exactly(read.view()));
            rule.set("privileges", strings(List.of("SELECT")));
            if (!read.hiddenColumns().isEmpty()) {
                var columns = rule.putArray("columns");
                read.hiddenColumns().stream().sorted().forEach(column -> columns.addObject()
                        .put("name", column)
                        .put("allow", false));
            }
        }

        var queries = root.putArray("queries");
        queries.addObject()
                .put("user", exactly(platformUser))
                .set("allow", strings(List.of("execute", "kill", "view")));
        queries.addObject().set("allow", strings(List.of("execute")));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The Trino access rules cannot be written as JSON", e);
        }
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]+");

    /** A pattern that matches {@code name} alone: Trino's rules match names as regular expressions. */
    private static String exactly(String name) {
        return PLAIN.matcher(name).matches() ? name : Pattern.quote(name);
    }

    private static String anyOf(Collection<String> names) {
        return String.join("|", names.stream().map(TrinoAccessRules::exactly).toList());
    }

    private static ArrayNode strings(List<String> values) {
        var array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
