package dev.meshshop.governance;

/**
 * A product breaking a policy.
 *
 * @param policy the policy's id
 * @param severity whether it blocks a publish
 * @param product the product's id
 * @param field where in the product, such as {@code description.purpose} or {@code orders.customer_email};
 *     empty when the finding is about the product as a whole
 * @param message what is wrong
 * @param fix how to put it right
 */
public record Finding(
        String policy, Policy.Severity severity, String product, String field, String message, String fix) {

    /** One line, then the fix: the form the build and the publish gate report. */
    @Override
    public String toString() {
        return "[" + severity.label() + "] " + policy + " on " + product + (field.isEmpty() ? "" : ", field " + field)
                + ": " + message + "\n  Fix: " + fix;
    }
}
