package dev.meshshop.platform.storage;

import java.util.regex.Pattern;

/**
 * The mesh-wide name of a data product: {@code <domain>.<product>}, for example {@code checkout.orders}.
 *
 * <p>Both parts are lower-case snake case so that the id is a valid SQL schema-qualified name in every
 * consumer's area and a valid path segment on every object store.
 */
public record ProductId(String domain, String name) {

    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

    public ProductId {
        requirePart("domain", domain);
        requirePart("product name", name);
    }

    /** Parses {@code checkout.orders}; the error says what a valid id looks like. */
    public static ProductId parse(String id) {
        int dot = id == null ? -1 : id.indexOf('.');
        if (dot < 0 || id.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException(
                    "Product id '" + id + "' is not of the form <domain>.<product>, for example checkout.orders");
        }
        return new ProductId(id.substring(0, dot), id.substring(dot + 1));
    }

    private static void requirePart(String what, String value) {
        if (value == null || !PART.matcher(value).matches()) {
            throw new IllegalArgumentException("The " + what + " '" + value
                    + "' must be lower-case snake case (letters, digits, underscores; starting with a letter)");
        }
    }

    @Override
    public String toString() {
        return domain + "." + name;
    }
}
