package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * An event's data as a JSON tree, for the steps that rewrite it before it is structured. They write back exactly
 * what they did not change: decimals keep their digits (amounts are money, {@code 10.0} must not become
 * {@code 1E+1}) and fields keep their order.
 */
final class EventData {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private EventData() {}

    /** The event's data, or null when it is not JSON; then the event has been sent to {@code quarantine}. */
    static JsonNode read(RawEvent event, DoFn.OutputReceiver<Quarantined> quarantine) {
        try {
            return JSON.readTree(event.data());
        } catch (JsonProcessingException e) {
            quarantine.output(notJson(event, e));
            return null;
        }
    }

    /** Data that is not JSON is set aside under the rule structuring uses for it, whichever step meets it. */
    static Quarantined notJson(RawEvent event, JsonProcessingException e) {
        return Quarantined.of(event, StructureJson.INVALID_FIELD, "data is not JSON: " + e.getOriginalMessage());
    }

    static String write(JsonNode data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a JSON tree that was just read", e);
        }
    }

    static JsonNode valueOf(Object value) {
        return JSON.valueToTree(value);
    }

    /** A JSON pointer from a step's definition, refused with a message that names the step when it is not one. */
    static JsonPointer pointer(String pointer, String usedFor) {
        if (pointer == null || !pointer.startsWith("/")) {
            throw new IllegalArgumentException(usedFor + " needs a JSON pointer to a field of the event data, such as"
                    + " /customer/email; was '" + pointer + "'");
        }
        return JsonPointer.compile(pointer);
    }

    /** The value at {@code pointer}, or null when there is none; a JSON null counts as none. */
    static JsonNode get(JsonNode data, JsonPointer pointer) {
        JsonNode value = data.at(pointer);
        return value.isMissingNode() || value.isNull() ? null : value;
    }

    /** Removes the field (or array element) at {@code pointer} and returns its value, or null when there was none. */
    static JsonNode remove(JsonNode data, JsonPointer pointer) {
        JsonNode parent = data.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            return object.remove(pointer.last().getMatchingProperty());
        }
        if (parent instanceof ArrayNode array && pointer.last().mayMatchElement()) {
            return array.remove(pointer.last().getMatchingIndex());
        }
        return null;
    }

    /** Replaces the value at {@code pointer}, which {@link #get} found, in its object or array. */
    static void replace(JsonNode data, JsonPointer pointer, JsonNode value) {
        JsonNode parent = data.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            object.set(pointer.last().getMatchingProperty(), value);
        } else {
            ((ArrayNode) parent).set(pointer.last().getMatchingIndex(), value);
        }
    }

    /**
     * Sets the field at {@code pointer}, creating the objects on its way that are missing. False, and nothing
     * changed, when something on the way is there but is not an object.
     */
    static boolean put(JsonNode data, JsonPointer pointer, JsonNode value) {
        JsonNode node = data;
        for (JsonPointer step = pointer; !step.tail().matches(); step = step.tail()) {
            if (!(node instanceof ObjectNode object)) {
                return false;
            }
            JsonNode child = object.get(step.getMatchingProperty());
            if (child == null || child.isNull()) {
                child = object.putObject(step.getMatchingProperty());
            }
            node = child;
        }
        if (!(node instanceof ObjectNode parent)) {
            return false;
        }
        parent.set(pointer.last().getMatchingProperty(), value);
        return true;
    }
}
