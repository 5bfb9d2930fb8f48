package dev.meshshop.platform.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a CSV file as RFC 4180 writes it: fields separated by commas, a field that holds a comma or a quote
 * enclosed in double quotes, a quote inside it doubled. Fields span no lines: file exports put one record on a line.
 */
final class CsvLine {

    /** A longer line is refused: no record of a file export comes near it. */
    static final int MAX_LENGTH = 64 * 1024;

    private CsvLine() {}

    /** The line's fields; fails, saying where, on an unterminated quote or text after a closing quote. */
    static List<String> parse(String line) {
        if (line.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "the line has " + line.length() + " characters, more than " + MAX_LENGTH);
        }
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new IllegalArgumentException(
                                "a quoted field (field " + (fields.size() + 1) + ") is not closed");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw new IllegalArgumentException(
                            "text follows the closing quote of field " + (fields.size() + 1));
                }
            } else {
                while (i < line.length() && line.charAt(i) != ',') {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}
