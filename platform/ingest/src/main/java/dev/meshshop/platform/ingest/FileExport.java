package dev.meshshop.platform.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A file that a domain's legacy system (or a partner, such as a payment provider) delivers on a schedule, one per
 * business day, as CSV with a header line: what the platform's {@link FileInbox} loads into the domain's raw zone.
 * A domain declares one as a bean, beside its {@code MeshDomain}.
 *
 * @param domain the domain whose inbox the files are delivered to
 * @param name the export's name: its inbox folder and its raw table {@code raw.<name>}
 * @param fileNames the names its files have, with a group named {@code day} holding the business day they cover
 *     ({@code yyyy-MM-dd}), such as {@code settlement-(?<day>\d{4}-\d{2}-\d{2})\.csv}
 * @param columns the columns the file's first line names, in order, each with the form its values must have
 * @param deliveredWithin how long after its business day ends a file is due; a later file is loaded and counted late
 * @param maxBytes the largest file loaded; a larger one is refused unread
 */
public record FileExport(
        String domain, String name, Pattern fileNames, List<Column> columns, Duration deliveredWithin, long maxBytes) {

    /**
     * A column of the file: its name (lower case letters, digits and underscores) and the form every value must have;
     * a row with a value of another form is quarantined, naming the column.
     *
     * @param form what a value must match, whole
     * @param described the form in words, for the quarantine's reason
     */
    public record Column(String name, Pattern form, String described) {

        /** Any text, the empty text included. */
        public static Column text(String name) {
            return new Column(name, Pattern.compile("(?s).*"), "any text");
        }

        /** A decimal number such as {@code -12.50}: digits, an optional sign and decimal point. */
        public static Column decimal(String name) {
            return new Column(name, Pattern.compile("-?\\d{1,15}(\\.\\d{1,6})?"), "a decimal number such as 12.50");
        }

        /** A code: one or more letters, digits, dashes, dots or underscores. */
        public static Column code(String name) {
            return new Column(name, Pattern.compile("[A-Za-z0-9._-]{1,128}"), "a code of letters, digits, - . or _");
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** The columns the platform adds to every row: which file and line it came from, and its business day. */
    static final Set<String> ADDED_COLUMNS = Set.of("file_name", "line_number", "business_day");

    /** Files of 64 MB at most, unless an export says otherwise. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    public FileExport {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(deliveredWithin, "deliveredWithin");
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("The file export of " + domain + " is named '" + name
                    + "': name it in lower case letters, digits and underscores (it names the raw table)");
        }
        if (fileNames == null || !fileNames.pattern().contains("(?<day>")) {
            throw new IllegalArgumentException("The file names of export " + name + " need a group named day, the"
                    + " business day a file covers, such as " + name + "-(?<day>\\d{4}-\\d{2}-\\d{2})\\.csv");
        }
        columns = List.copyOf(columns);
        var header = header(columns);
        if (header.isEmpty() || Set.copyOf(header).size() != header.size()) {
            throw new IllegalArgumentException("Export " + name + " needs a header of distinct columns: " + header);
        }
        for (String column : header) {
            if (!IDENTIFIER.matcher(column).matches() || ADDED_COLUMNS.contains(column)) {
                throw new IllegalArgumentException("Export " + name + " has a column '" + column + "': columns are"
                        + " lower case letters, digits and underscores, and not one of " + ADDED_COLUMNS);
            }
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("Export " + name + " needs a positive largest file size");
        }
    }

    /** An export of files of at most {@link #DEFAULT_MAX_BYTES}. */
    public FileExport(String domain, String name, Pattern fileNames, List<Column> columns, Duration deliveredWithin) {
        this(domain, name, fileNames, columns, deliveredWithin, DEFAULT_MAX_BYTES);
    }

    /** The column names, in order: what the file's first line must say. */
    public List<String> header() {
        return header(columns);
    }

    private static List<String> header(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }

    /** The raw table the files' rows are loaded into. */
    public String table() {
        return "raw." + name;
    }

    /** The view of the rows of each business day's latest file: what a model reads. */
    public String currentView() {
        return "raw." + name + "_current";
    }

    /**
     * What checking a file's text against this export's header and columns found: the rows to load, with their line
     * numbers (1 is the header), and the lines set aside, each with the rule it broke and why.
     *
     * @param headerProblem why nothing of the file can be loaded, when its first line is not the header; then there
     *     are no rows
     */
    public record Checked(
            List<List<String>> rows,
            List<Long> lines,
            List<Problem> problems,
            java.util.Optional<String> headerProblem) {}

    /** A line set aside: its number, the rule it broke ({@code bad-row}, {@code bad-value}), why, and its text. */
    public record Problem(long line, String rule, String reason, String text) {}

    /** {@code content} as UTF-8 text, the encoding of every export; empty when it is not valid UTF-8. */
    public static java.util.Optional<String> utf8(byte[] content) {
        try {
            return java.util.Optional.of(java.nio.charset.StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content))
                    .toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Checks {@code text}, the decoded content of the file {@code name}: its first line must be the header, and every
     * other non-blank line must be CSV with a field per column, each of its column's form.
     */
    public Checked check(String name, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        var lines = text.lines().toList();
        String expected = String.join(",", header());
        String found = lines.isEmpty() ? "" : lines.get(0).strip();
        if (!found.equals(expected)) {
            String shown = found.length() <= 200 ? found : found.substring(0, 200) + "...";
            return new Checked(
                    List.of(),
                    List.of(),
                    List.of(),
                    java.util.Optional.of(name + " starts with the header '" + shown + "', and export " + name()
                            + " expects '" + expected + "' (comma-separated): nothing of it was loaded"));
        }
        var good = new java.util.ArrayList<List<String>>();
        var goodLines = new java.util.ArrayList<Long>();
        var bad = new java.util.ArrayList<Problem>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            long number = i + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                var fields = CsvLine.parse(line);
                if (fields.size() != columns.size()) {
                    bad.add(new Problem(
                            number,
                            "bad-row",
                            "line " + number + " of " + name + " has " + fields.size()
                                    + " fields, and the header names " + columns.size(),
                            line));
                    continue;
                }
                var wrong = wrongValue(fields);
                if (wrong != null) {
                    bad.add(new Problem(number, "bad-value", "line " + number + " of " + name + ": " + wrong, line));
                    continue;
                }
                good.add(fields);
                goodLines.add(number);
            } catch (IllegalArgumentException e) {
                bad.add(new Problem(
                        number, "bad-row", "line " + number + " of " + name + " is not CSV: " + e.getMessage(), line));
            }
        }
        return new Checked(List.copyOf(good), List.copyOf(goodLines), List.copyOf(bad), java.util.Optional.empty());
    }

    /** What is wrong with the first value of {@code fields} that does not have its column's form; null if none. */
    private String wrongValue(List<String> fields) {
        for (int c = 0; c < fields.size(); c++) {
            var column = columns.get(c);
            if (!column.form().matcher(fields.get(c)).matches()) {
                String value = fields.get(c).length() <= 40
                        ? fields.get(c)
                        : fields.get(c).substring(0, 40) + "...";
                return column.name() + " is '" + value + "', and must be " + column.described();
            }
        }
        return null;
    }
}
