package dev.meshshop.governance;

/**
 * What a rule found, before the engine names the policy and the product.
 *
 * @param field where, or empty for the product as a whole
 * @param message what is wrong, specific to this product
 * @param fix how to put this violation right, when the rule knows better than the policy's fix; otherwise null
 */
public record Violation(String field, String message, String fix) {

    /** A violation the policy's own fix puts right. */
    public Violation(String field, String message) {
        this(field, message, null);
    }
}
