package dev.meshshop.governance;

/**
 * What a rule found, before the engine names the policy and the product.
 *
 * @param field where, or empty for the product as a whole
 * @param message what is wrong, specific to this product
 */
public record Violation(String field, String message) {}
