package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A known bug that left invalid values in one event type, and what {@link RepairOutliers} does about it: correct
 * the data when the right value can be recovered, or else set the event aside. The rule's name counts the
 * corrections in the cleaning report and names the quarantine rule; {@code knownBug} says which bug it is, so a
 * reader can tell when the rule may go.
 *
 * <pre>{@code
 * OutlierRule.correct("amount-in-cents", "PaymentAuthorized",
 *         data -> data.path("appVersion").asText().equals("2.3.1"),
 *         data -> ((ObjectNode) data).put("amount", data.path("amount").decimalValue().movePointLeft(2)),
 *         "app 2.3.1 sent amounts in cents");
 * OutlierRule.quarantine("negative-stock", "InventoryUpdated",
 *         data -> data.path("available").asInt() < 0, "scanner firmware 4.1 reports returns as negative stock");
 * }</pre>
 *
 * Conditions and corrections are shipped by Beam to wherever the pipeline runs, so they are serializable lambdas
 * that use nothing but the data they are given.
 */
public record OutlierRule(String name, String eventType, Condition when, Correction correction, String knownBug)
        implements Serializable {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public OutlierRule {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "The outlier rule name '" + name + "' must be lower-case kebab case, such as amount-in-cents");
        }
        if (name.equals(RepairOutliers.RULE_FAILED)) {
            throw new IllegalArgumentException(
                    "The outlier rule name " + name + " is the platform's own; name the bug the rule is about");
        }
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(when, "when");
        if (knownBug == null || knownBug.isBlank()) {
            throw new IllegalArgumentException("Outlier rule " + name + " must say which known bug it is about");
        }
    }

    /** Events of {@code eventType} whose data matches {@code when} get the data {@code correction} returns. */
    public static OutlierRule correct(
            String name, String eventType, Condition when, Correction correction, String knownBug) {
        Objects.requireNonNull(correction, "correction");
        return new OutlierRule(name, eventType, when, correction, knownBug);
    }

    /** Events of {@code eventType} whose data matches {@code when} are set aside, with {@code knownBug} as reason. */
    public static OutlierRule quarantine(String name, String eventType, Condition when, String knownBug) {
        return new OutlierRule(name, eventType, when, null, knownBug);
    }

    /** Whether the rule corrects the data; when it does not, it quarantines the event. */
    public boolean corrects() {
        return correction != null;
    }

    /** Whether an event's data has the invalid value; it may read the data but should not change it. */
    @FunctionalInterface
    public interface Condition extends Serializable {

        boolean test(JsonNode data);
    }

    /** The corrected data; it may change the node it is given and return it. */
    @FunctionalInterface
    public interface Correction extends Serializable {

        JsonNode apply(JsonNode data);
    }
}
