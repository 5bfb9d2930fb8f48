package dev.meshshop.platform.reports;

/** The checks the report's parts share, each failing with a message that names the part and the fix. */
final class Checks {

    private Checks() {}

    /**
     * A text the report shows: present, not blank, and short enough for its place on the page.
     *
     * @param whose the part the text belongs to, as the message names it, for example {@code KPI 'revenue'}
     * @param field what the text is, for example {@code label}
     */
    static String text(String value, int maxLength, String whose, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(whose + " has no " + field + ": give it one");
        }
        var length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw new IllegalArgumentException(whose + ": the " + field + " is " + length + " characters long, at most "
                    + maxLength + " fit in a report: shorten it");
        }
        return value;
    }

    static <T> T present(T value, String whose, String field) {
        if (value == null) {
            throw new IllegalArgumentException(whose + " has no " + field + ": give it one");
        }
        return value;
    }
}
