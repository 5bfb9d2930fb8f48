package dev.meshshop.governance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The policies the mesh enforces, and the engine that evaluates them against a product.
 *
 * <p>The guild's policies are resources, {@code policies/<id>.yaml}, listed in {@code policies/index.txt} (one
 * file name per line) so that they are found in a jar as well as in a folder.
 */
public final class Policies {

    static final String INDEX = "policies/index.txt";
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final List<Policy> policies;

    private Policies(List<Policy> policies) {
        this.policies = List.copyOf(policies);
        var ids = new HashSet<String>();
        for (Policy policy : this.policies) {
            if (!ids.add(policy.id())) {
                throw new IllegalArgumentException("Two policies have the id " + policy.id());
            }
        }
    }

    /** The policies of the governance guild, as this module ships them. */
    public static Policies standard() {
        return fromClasspath(INDEX, Policies.class.getClassLoader());
    }

    /** The policies listed in the index resource {@code index}; the files are beside it. */
    public static Policies fromClasspath(String index, ClassLoader loader) {
        String folder = index.contains("/") ? index.substring(0, index.lastIndexOf('/') + 1) : "";
        return new Policies(DomainSources.read(index, loader)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(file -> parse(DomainSources.read(folder + file, loader), folder + file))
                .toList());
    }

    public static Policies of(List<Policy> policies) {
        return new Policies(policies);
    }

    /** Reads one policy file; {@code source} names it in error messages. */
    public static Policy parse(String yaml, String source) {
        try {
            return Objects.requireNonNull(YAML.readValue(yaml, Policy.class), () -> source + " is empty");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The policy " + source + " is not valid: " + e.getMessage(), e);
        }
    }

    public List<Policy> all() {
        return policies;
    }

    /** Evaluates every policy against {@code product}. */
    public ComplianceReport evaluate(GovernedProduct product) {
        return new ComplianceReport(
                product.id(),
                policies.stream()
                        .map(policy -> new ComplianceReport.Outcome(
                                policy,
                                policy.check().check(product).stream()
                                        .map(violation -> new Finding(
                                                policy.id(),
                                                policy.severity(),
                                                product.id(),
                                                violation.field(),
                                                violation.message(),
                                                violation.fix() != null
                                                        ? violation.fix()
                                                        : policy.fix().strip()))
                                        .toList()))
                        .toList());
    }
}
