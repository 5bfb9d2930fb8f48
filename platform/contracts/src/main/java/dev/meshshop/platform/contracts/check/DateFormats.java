package dev.meshshop.platform.contracts.check;

import java.util.Map;
import java.util.Optional;

/**
 * Translates the date formats of contracts (Java {@code DateTimeFormatter} patterns such as {@code yyyy-MM-dd})
 * into DuckDB {@code strptime} formats (such as {@code %Y-%m-%d}).
 */
final class DateFormats {

    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("yyyy", "%Y"),
            Map.entry("uuuu", "%Y"),
            Map.entry("yy", "%y"),
            Map.entry("MM", "%m"),
            Map.entry("MMM", "%b"),
            Map.entry("MMMM", "%B"),
            Map.entry("dd", "%d"),
            Map.entry("HH", "%H"),
            Map.entry("hh", "%I"),
            Map.entry("mm", "%M"),
            Map.entry("ss", "%S"),
            Map.entry("SSS", "%g"),
            Map.entry("SSSSSS", "%f"),
            Map.entry("a", "%p"),
            Map.entry("EEE", "%a"),
            Map.entry("EEEE", "%A"),
            Map.entry("XXX", "%z"),
            Map.entry("Z", "%z"));

    private DateFormats() {}

    /** The strptime format, or empty when the pattern uses a field that has no translation. */
    static Optional<String> toStrptime(String pattern) {
        StringBuilder format = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                format.append(pattern, i + 1, end);
                i = end + 1;
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < pattern.length() && pattern.charAt(end) == c) {
                    end++;
                }
                String field = FIELDS.get(pattern.substring(i, end));
                if (field == null) {
                    return Optional.empty();
                }
                format.append(field);
                i = end;
            } else {
                format.append(c == '%' ? "%%" : String.valueOf(c));
                i++;
            }
        }
        return Optional.of(format.toString());
    }
}
