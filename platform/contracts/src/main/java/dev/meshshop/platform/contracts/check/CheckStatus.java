package dev.meshshop.platform.contracts.check;

/** The outcome of one check. */
public enum CheckStatus {
    PASSED,
    /** The data breaks the contract, and the rule is an error: publishing must stop. */
    FAILED,
    /** The data breaks a rule whose severity is below error (such as {@code warning} or {@code info}). */
    WARNING,
    /** The rule cannot be run here, such as a rule for another engine; the detail says why. */
    SKIPPED
}
