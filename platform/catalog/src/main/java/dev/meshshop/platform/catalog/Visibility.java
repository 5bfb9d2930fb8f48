package dev.meshshop.platform.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.meshshop.platform.identity.Caller;
import java.nio.file.Path;

/**
 * What of a catalog answer a caller may see (ADR 21): a product's failing sample rows ({@code samples}) to its
 * owners, governance and the platform only, others get the checks' results without rows; where files lie
 * ({@code dataFile}, and the data directory in any text) to the platform only.
 */
final class Visibility {

    /** What replaces the rows a caller may not see. */
    static final String ROWS_HIDDEN = "failing rows are shown to the product's owners";

    private final ObjectMapper json;
    private final String dataDir;

    Visibility(ObjectMapper json, Path dataDir) {
        this.json = json.copy().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        this.dataDir = dataDir.toAbsolutePath().normalize().toString();
    }

    /** {@code answer} about {@code ownerDomain}'s product as {@code caller} may see it. */
    JsonNode of(Object answer, Caller caller, String ownerDomain) {
        JsonNode tree = json.valueToTree(answer);
        boolean rows = caller.actsFor(ownerDomain) || caller.seesEverything();
        return caller.platform() ? tree : scrub(tree, rows, ownerDomain);
    }

    /** A list of products, each as {@code caller} may see it. */
    JsonNode ofEach(Iterable<?> answers, Caller caller, java.util.function.Function<Object, String> owner) {
        ArrayNode list = json.createArrayNode();
        for (Object answer : answers) {
            list.add(of(answer, caller, owner.apply(answer)));
        }
        return list;
    }

    private JsonNode scrub(JsonNode node, boolean rows, String ownerDomain) {
        if (node instanceof ObjectNode object) {
            object.remove("dataFile");
            if (!rows && object.has("samples")) {
                object.put("samples", ROWS_HIDDEN);
            }
            object.fields().forEachRemaining(field -> field.setValue(scrub(field.getValue(), rows, ownerDomain)));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, scrub(array.get(i), rows, ownerDomain));
            }
            return array;
        }
        if (node.isTextual() && node.asText().contains(dataDir)) {
            return TextNode.valueOf(node.asText().replace(dataDir, "<data-dir>"));
        }
        return node;
    }
}
