package dev.meshshop.platform.contracts.lint;

/**
 * One problem in a contract: where it is, what is wrong and how to fix it.
 *
 * @param source the file (or other source) the contract was read from
 * @param line 1-based line of the offending field
 * @param column 1-based column of the offending field
 * @param path the field in the contract, such as {@code schema[0].properties[3].logicalType}
 * @param severity {@link Severity#ERROR} when the contract breaks the standard or contradicts itself
 * @param rule the rule that found the problem, such as {@code structure} or {@code sla-element}
 * @param message what is wrong
 * @param fix how to fix it
 */
public record LintFinding(
        String source, int line, int column, String path, Severity severity, String rule, String message, String fix) {

    /** Errors make a contract invalid; warnings point at something that is valid but cannot be tested or is deprecated. */
    public enum Severity {
        ERROR,
        WARNING;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line in the style of compilers: {@code orders.odcs.yaml:12:9: error [structure] path: message. Fix: ...}. */
    @Override
    public String toString() {
        return "%s:%d:%d: %s [%s] %s: %s. Fix: %s".formatted(source, line, column, severity, rule, path, message, fix);
    }
}
