package dev.meshshop.platform.contracts.lint;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a JSON tree that remembers where each value was written, so that a finding about
 * {@code /schema/0/properties/3/logicalType} can point at its line and column.
 */
final class YamlDocument {

    /** A position in the file, both 1-based. */
    record Position(int line, int column) {
        static final Position START = new Position(1, 1);
    }

    /** A key written twice in one mapping: YAML readers silently keep only one of the values. */
    record DuplicateKey(String pointer, String key, Position position) {}

    /** The document could not be read as YAML at all. */
    static final class SyntaxError extends Exception {
        private final Position position;

        SyntaxError(String message, Position position) {
            super(message);
            this.position = position;
        }

        Position position() {
            return position;
        }
    }

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<String, Position> positions;
    private final List<DuplicateKey> duplicateKeys;

    private YamlDocument(JsonNode root, Map<String, Position> positions, List<DuplicateKey> duplicateKeys) {
        this.root = root;
        this.positions = positions;
        this.duplicateKeys = duplicateKeys;
    }

    static YamlDocument parse(String yaml) throws SyntaxError {
        try (JsonParser parser = YAML.createParser(yaml)) {
            Reader reader = new Reader(parser);
            if (parser.nextToken() == null) {
                throw new SyntaxError("the document is empty", Position.START);
            }
            reader.positions.put("", position(parser.currentTokenLocation()));
            JsonNode root = reader.read("");
            return new YamlDocument(root, reader.positions, reader.duplicateKeys);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
                throw new SyntaxError(
                        context + marked.getProblem(), new Position(mark.getLine() + 1, mark.getColumn() + 1));
            }
            JsonLocation location = e.getLocation();
            Position position = location == null ? Position.START : position(location);
            throw new SyntaxError(e.getOriginalMessage(), position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode root() {
        return root;
    }

    List<DuplicateKey> duplicateKeys() {
        return duplicateKeys;
    }

    /** Where the value at this JSON pointer was written, or its closest written ancestor. */
    Position positionOf(String pointer) {
        String current = pointer;
        while (!positions.containsKey(current)) {
            int slash = current.lastIndexOf('/');
            if (slash < 0) {
                return Position.START;
            }
            current = current.substring(0, slash);
        }
        return positions.get(current);
    }

    static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    private static Position position(JsonLocation location) {
        return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    /** Builds the tree from the token stream, recording the position of every key and array item. */
    private static final class Reader {
        private final JsonParser parser;
        private final Map<String, Position> positions = new HashMap<>();
        private final List<DuplicateKey> duplicateKeys = new ArrayList<>();

        Reader(JsonParser parser) {
            this.parser = parser;
        }

        JsonNode read(String pointer) throws IOException {
            JsonToken token = parser.currentToken();
            return switch (token) {
                case START_OBJECT -> readObject(pointer);
                case START_ARRAY -> readArray(pointer);
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> decimal();
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> NODES.textNode(parser.getText());
            };
        }

        /** Keeps decimals exact; YAML's .inf and .nan have no decimal form and stay doubles. */
        private JsonNode decimal() throws IOException {
            try {
                return NODES.numberNode(parser.getDecimalValue());
            } catch (NumberFormatException e) {
                return NODES.numberNode(parser.getDoubleValue());
            }
        }

        private ObjectNode readObject(String pointer) throws IOException {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String child = child(pointer, key);
                if (object.has(key)) {
                    duplicateKeys.add(new DuplicateKey(child, key, position(parser.currentTokenLocation())));
                } else {
                    positions.put(child, position(parser.currentTokenLocation()));
                }
                parser.nextToken();
                object.set(key, read(child));
            }
            return object;
        }

        private ArrayNode readArray(String pointer) throws IOException {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                String child = child(pointer, array.size());
                positions.put(child, position(parser.currentTokenLocation()));
                array.add(read(child));
            }
            return array;
        }
    }
}
