package dev.meshshop.platform.reports;

/**
 * What a report's numbers are computed from, as it was read, so that a reader can find the very data behind each
 * figure: a data product at a snapshot, or an external dataset at the file delivered.
 *
 * @param product the product's id, for example {@code checkout.orders}, or the external dataset's name
 * @param snapshot the id of the product's snapshot that was read, or the dataset's file
 */
public record Source(String product, String snapshot) {

    /** The longest product or snapshot id a report shows. */
    public static final int MAX_ID_LENGTH = 120;

    public Source {
        Checks.text(product, MAX_ID_LENGTH, "A source", "product id");
        Checks.text(snapshot, MAX_ID_LENGTH, "Source '" + product + "'", "snapshot id");
    }
}
