package dev.meshshop.enabling.workshop;

import java.util.ArrayList;
import java.util.List;

/**
 * The edits the labs ask for in an ODCS contract, made to its text as a participant makes them in an editor, for a
 * contract laid out as the mesh's are: an object's properties at six spaces ({@code       - name: amount}), its
 * own quality rules under {@code     quality:} at four.
 */
final class ContractEdits {

    private static final String PROPERTY = "      - name: ";
    private static final String OBJECT_QUALITY = "    quality:";

    private ContractEdits() {}

    /** Replaces the property {@code name}, all of its lines, with {@code property}. */
    static String replaceProperty(String yaml, String name, String property) {
        var lines = lines(yaml);
        int start = lines.indexOf(PROPERTY + name);
        if (start < 0) {
            throw new AssertionError("The contract has no property " + name);
        }
        int end = start + 1;
        while (end < lines.size() && indent(lines.get(end)) > 6) {
            end++;
        }
        lines.subList(start, end).clear();
        lines.addAll(start, lines(property));
        return String.join("\n", lines) + "\n";
    }

    /** Adds {@code property} after the last property of the first object, before the object's quality rules. */
    static String addProperty(String yaml, String property) {
        var lines = lines(yaml);
        lines.addAll(objectQuality(lines), lines(property));
        return String.join("\n", lines) + "\n";
    }

    /** Adds {@code rule} at the end of the first object's quality rules. */
    static String addObjectRule(String yaml, String rule) {
        var lines = lines(yaml);
        int end = objectQuality(lines) + 1;
        while (end < lines.size() && indent(lines.get(end)) > 4) {
            end++;
        }
        lines.addAll(end, lines(rule));
        return String.join("\n", lines) + "\n";
    }

    private static int objectQuality(List<String> lines) {
        int at = lines.indexOf(OBJECT_QUALITY);
        if (at < 0) {
            throw new AssertionError("The contract's first object has no quality rules");
        }
        return at;
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(text.stripTrailing().lines().toList());
    }

    private static int indent(String line) {
        return line.isBlank()
                ? Integer.MAX_VALUE
                : line.length() - line.stripLeading().length();
    }
}
