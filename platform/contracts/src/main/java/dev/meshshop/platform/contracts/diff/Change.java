package dev.meshshop.platform.contracts.diff;

/**
 * One difference between two versions of a contract.
 *
 * @param compatibility whether the change breaks consumers
 * @param path the element that changed, such as {@code orders.amount.logicalType}
 * @param description what changed, such as {@code changed from number to string}
 */
public record Change(Compatibility compatibility, String path, String description) {

    /**
     * A change is breaking when a consumer's query may stop working (something removed, renamed or retyped), or
     * when data that fulfilled the previous contract may not fulfil the new one (a rule tightened or added).
     */
    public enum Compatibility {
        BREAKING,
        COMPATIBLE
    }

    public boolean isBreaking() {
        return compatibility == Compatibility.BREAKING;
    }

    @Override
    public String toString() {
        return "%-10s %s: %s".formatted(compatibility.name().toLowerCase(java.util.Locale.ROOT), path, description);
    }
}
