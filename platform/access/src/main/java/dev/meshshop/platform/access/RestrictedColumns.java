package dev.meshshop.platform.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshshop.platform.storage.PublishedPort;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which columns of a product a consumer reads without: the properties its ODCS contract classifies as restricted
 * ({@code classification}, by default {@code restricted} or {@code confidential}), unless the property opens itself
 * to the consumer by name:
 *
 * <pre>
 * - name: customer_email
 *   classification: restricted
 *   customProperties:
 *     - property: exposedTo
 *       value: [customer360]
 * </pre>
 *
 * The owner domain reads all of its own product. The contract is the one the snapshot was published under, so the
 * rule changes with a new contract version, reviewed like any other change to it.
 */
public final class RestrictedColumns {

    /** The custom property through which a contract opens a restricted property to named consumer domains. */
    public static final String EXPOSED_TO = "exposedTo";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Set<String> classifications;
    private final Map<Path, List<Restricted>> bySnapshot = new ConcurrentHashMap<>();

    /** @param classifications the classifications that restrict a property, compared without case */
    public RestrictedColumns(Collection<String> classifications) {
        this.classifications = new LinkedHashSet<>();
        classifications.forEach(classification -> this.classifications.add(classification.toLowerCase(Locale.ROOT)));
    }

    public Set<String> classifications() {
        return Set.copyOf(classifications);
    }

    /** The columns of {@code port} that {@code consumer} may not see. */
    public Set<String> hiddenFrom(String consumer, PublishedPort port) {
        if (port.product().domain().equals(consumer)) {
            return Set.of();
        }
        var hidden = new LinkedHashSet<String>();
        for (var column : restricted(port)) {
            if (!column.exposedTo().contains(consumer)) {
                hidden.add(column.name());
            }
        }
        return hidden;
    }

    /** A restricted column and the consumers its contract opens it to. */
    private record Restricted(String name, Set<String> exposedTo) {}

    private List<Restricted> restricted(PublishedPort port) {
        // snapshots are immutable, so their contract is read once
        return bySnapshot.computeIfAbsent(port.snapshotDir(), dir -> read(port));
    }

    private List<Restricted> read(PublishedPort port) {
        JsonNode contract;
        try {
            contract = YAML.readTree(port.contractYaml());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The contract of " + port.product() + " is not valid YAML, so its restricted columns are unknown;"
                            + " its owner must publish it again with a valid contract",
                    e);
        }
        var objects = contract.path("schema");
        JsonNode object = objects.size() == 1 ? objects.get(0) : null;
        for (var candidate : objects) {
            if (port.snapshot().port().equals(candidate.path("name").asText())) {
                object = candidate;
            }
        }
        var restricted = new ArrayList<Restricted>();
        if (object == null) {
            return restricted;
        }
        for (var property : object.path("properties")) {
            String classification = property.path("classification").asText("").toLowerCase(Locale.ROOT);
            if (classifications.contains(classification)) {
                String column = property.hasNonNull("physicalName")
                        ? property.get("physicalName").asText()
                        : property.path("name").asText();
                restricted.add(new Restricted(column, exposedTo(property)));
            }
        }
        return restricted;
    }

    private static Set<String> exposedTo(JsonNode property) {
        var consumers = new LinkedHashSet<String>();
        for (var custom : property.path("customProperties")) {
            if (EXPOSED_TO.equals(custom.path("property").asText())) {
                var value = custom.path("value");
                if (value.isArray()) {
                    value.forEach(consumer -> consumers.add(consumer.asText().trim()));
                } else {
                    for (String consumer : value.asText("").split(",")) {
                        consumers.add(consumer.trim());
                    }
                }
            }
        }
        consumers.remove("");
        return consumers;
    }
}
