package dev.meshshop.platform.contracts.lint;

import dev.meshshop.platform.contracts.lint.LintFinding.Severity;
import dev.meshshop.platform.contracts.lint.YamlDocument.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the findings on one document, placing each at the line and column of the field it is about. */
final class Findings {

    private final String source;
    private final YamlDocument document;
    /** What the document as a whole is called in a finding about it, such as {@code (contract)}. */
    private final String root;

    private final Set<LintFinding> findings = new LinkedHashSet<>();

    Findings(String source, YamlDocument document) {
        this(source, document, "(contract)");
    }

    Findings(String source, YamlDocument document, String root) {
        this.source = source;
        this.document = document;
        this.root = root;
    }

    void error(String rule, String pointer, String message, String fix) {
        add(Severity.ERROR, rule, pointer, document.positionOf(pointer), message, fix);
    }

    void warning(String rule, String pointer, String message, String fix) {
        add(Severity.WARNING, rule, pointer, document.positionOf(pointer), message, fix);
    }

    void add(Severity severity, String rule, String pointer, Position position, String message, String fix) {
        findings.add(new LintFinding(
                source,
                position.line(),
                position.column(),
                pointer.isEmpty() || pointer.equals("/") ? root : displayPath(pointer),
                severity,
                rule,
                message,
                fix));
    }

    List<LintFinding> sorted() {
        List<LintFinding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(LintFinding::line).thenComparingInt(LintFinding::column));
        return sorted;
    }

    /** {@code /schema/0/properties/3/logicalType} reads as {@code schema[0].properties[3].logicalType}. */
    static String displayPath(String pointer) {
        if (pointer.isEmpty() || pointer.equals("/")) {
            return "(contract)";
        }
        StringBuilder path = new StringBuilder();
        for (String token : pointer.substring(1).split("/", -1)) {
            String name = token.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                path.append('[').append(name).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(name);
            }
        }
        return path.toString();
    }
}
