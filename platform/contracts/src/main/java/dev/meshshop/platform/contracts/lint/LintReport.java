package dev.meshshop.platform.contracts.lint;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.meshshop.platform.contracts.model.DataContract;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Everything the linter found in one contract, and the typed contract when it has no errors. */
public final class LintReport {

    /** Writes records by their components only, not by helper methods such as {@code isEmpty()}. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private final String source;
    private final List<LintFinding> findings;
    private final DataContract contract;

    LintReport(String source, List<LintFinding> findings, DataContract contract) {
        this.source = source;
        this.findings = List.copyOf(findings);
        this.contract = contract;
    }

    public String source() {
        return source;
    }

    /** All findings, in the order they appear in the file. */
    public List<LintFinding> findings() {
        return findings;
    }

    public List<LintFinding> errors() {
        return findings.stream().filter(LintFinding::isError).toList();
    }

    public List<LintFinding> warnings() {
        return findings.stream().filter(finding -> !finding.isError()).toList();
    }

    /** Whether the contract is invalid. Warnings alone leave it valid. */
    public boolean hasErrors() {
        return findings.stream().anyMatch(LintFinding::isError);
    }

    /** The typed contract, present when there are no errors. */
    public Optional<DataContract> contract() {
        return Optional.ofNullable(contract);
    }

    /** One line per finding and a summary line, for people. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        findings.forEach(finding -> text.append(finding).append('\n'));
        return text.append("%s: %s (%d error(s), %d warning(s))"
                        .formatted(
                                source,
                                hasErrors() ? "invalid" : "valid",
                                errors().size(),
                                warnings().size()))
                .toString();
    }

    /** The findings as JSON, for tools. */
    public String toJson() {
        return write(jsonView());
    }

    /** Several reports as one JSON array. */
    public static String toJson(List<LintReport> reports) {
        return write(reports.stream().map(LintReport::jsonView).toList());
    }

    private JsonView jsonView() {
        return new JsonView(source, !hasErrors(), errors().size(), warnings().size(), findings);
    }

    private static String write(Object view) {
        try {
            return JSON.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record JsonView(String source, boolean valid, int errors, int warnings, List<LintFinding> findings) {}
}
