package dev.meshshop.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One global policy as the governance guild writes it, in {@code policies/<id>.yaml}.
 *
 * @param id a short kebab-case name, the file's name
 * @param title what the policy demands, in one line
 * @param area which of the mesh's concerns it serves
 * @param severity whether a violation refuses a publish or is only reported
 * @param rationale why the guild agreed on it
 * @param fix what a product team does when its product breaks the policy
 * @param check how the platform evaluates it: one of the rule kinds of {@link Rule}
 */
public record Policy(String id, String title, Area area, Severity severity, String rationale, String fix, Rule check) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public Policy {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Policy id '" + id + "' must be kebab-case, such as owner-team");
        }
        for (var field : new String[] {title, rationale, fix}) {
            if (field == null || field.isBlank()) {
                throw new IllegalArgumentException("Policy " + id + " needs a title, a rationale and a fix");
            }
        }
        Objects.requireNonNull(area, () -> "Policy " + id + " needs an area");
        Objects.requireNonNull(severity, () -> "Policy " + id + " needs a severity: blocking or warning");
        Objects.requireNonNull(check, () -> "Policy " + id + " needs a check");
    }

    /** The four concerns of federated governance in Mesh Shop. */
    public enum Area {
        INTEROPERABILITY,
        DOCUMENTATION,
        SECURITY,
        PRIVACY;

        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Area of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    /** A blocking policy refuses a publish; a warning is reported and lets it through. */
    public enum Severity {
        BLOCKING,
        WARNING;

        @JsonValue
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        static Severity of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
