package dev.meshshop.governance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** How one product stands against every policy. */
public record ComplianceReport(String product, List<Outcome> outcomes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ComplianceReport {
        outcomes = List.copyOf(outcomes);
    }

    /** One policy and what it found; no findings means the product complies. */
    public record Outcome(Policy policy, List<Finding> findings) {

        public Outcome {
            findings = List.copyOf(findings);
        }

        public Status status() {
            if (findings.isEmpty()) {
                return Status.PASSED;
            }
            return policy.severity() == Policy.Severity.BLOCKING ? Status.FAILED : Status.WARNING;
        }
    }

    /** A policy passed, failed (and blocks a publish) or warns. */
    public enum Status {
        PASSED,
        FAILED,
        WARNING
    }

    public List<Finding> findings() {
        return outcomes.stream().flatMap(outcome -> outcome.findings().stream()).toList();
    }

    /** Whether a blocking policy is broken, so the product must not be published. */
    public boolean blocks() {
        return outcomes.stream().anyMatch(outcome -> outcome.status() == Status.FAILED);
    }

    /** A verdict line, then every finding with its fix. */
    public String toText() {
        var findings = findings();
        String verdict = product
                + (findings.isEmpty()
                        ? " complies with all " + outcomes.size() + " policies"
                        : " breaks "
                                + findings.stream()
                                        .map(Finding::policy)
                                        .distinct()
                                        .count() + " of " + outcomes.size() + " policies (" + findings.size()
                                + " finding(s))");
        return findings.isEmpty()
                ? verdict
                : verdict + ":\n"
                        + findings.stream().map(finding -> "- " + finding).collect(Collectors.joining("\n"));
    }

    /** Every policy with its status and findings, for the publish audit and the catalog. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode().put("product", product).put("blocks", blocks());
        var policies = root.putArray("policies");
        for (Outcome outcome : outcomes) {
            var policy = policies.addObject()
                    .put("id", outcome.policy().id())
                    .put("title", outcome.policy().title())
                    .put("area", outcome.policy().area().label())
                    .put("severity", outcome.policy().severity().label())
                    .put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
            var findings = policy.putArray("findings");
            for (Finding finding : outcome.findings()) {
                findings.addObject()
                        .put("field", finding.field())
                        .put("message", finding.message())
                        .put("fix", finding.fix());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
