package dev.meshshop.platform.reports;

/**
 * A data product a report's numbers are computed from, at the snapshot they were read at, so that a reader can
 * find the very data behind each figure.
 *
 * @param product the product's id, for example {@code checkout.orders}
 * @param snapshot the id of the product's snapshot that was read
 */
public record Source(String product, String snapshot) {

    /** The longest product or snapshot id a report shows. */
    public static final int MAX_ID_LENGTH = 120;

    public Source {
        Checks.text(product, MAX_ID_LENGTH, "A source", "product id");
        Checks.text(snapshot, MAX_ID_LENGTH, "Source '" + product + "'", "snapshot id");
    }
}
