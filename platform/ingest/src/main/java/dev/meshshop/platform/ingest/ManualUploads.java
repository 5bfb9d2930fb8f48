package dev.meshshop.platform.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Takes uploads of manual datasets (self-service): checks an upload whole, refuses it with the reasons per row, and
 * puts a good one into its domain's inbox, with a line in the dataset's upload log saying who uploaded what, when,
 * for which period. A refused upload changes nothing: the last good one stays what the domain reads.
 */
public final class ManualUploads {

    /** The most reasons a refusal lists; it says how many more there were. */
    static final int REASONS_SHOWN = 50;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final MeshLayout layout;
    private final Clock clock;

    public ManualUploads(MeshLayout layout, Clock clock) {
        this.layout = layout;
        this.clock = clock;
    }

    /** What an upload became: the file the domain loads next, its rows and its SHA-256. */
    public record Receipt(String dataset, String file, long rows, String sha256, Instant at) {}

    /** One upload, as the dataset's log keeps it. */
    public record Upload(
            Instant at,
            String uploader,
            String description,
            String from,
            String to,
            String file,
            long rows,
            String sha256) {}

    /** An upload refused, with the reason for each row (or for the file) that stopped it. */
    public static final class UploadRefused extends RuntimeException {
        private final List<String> reasons;

        UploadRefused(ManualDataset dataset, List<String> reasons) {
            super("The upload of " + dataset.domain() + "." + dataset.name() + " was refused, and nothing of it was"
                    + " taken; the last good upload stays. " + reasons.size() + " problem(s): "
                    + String.join("; ", reasons.subList(0, Math.min(3, reasons.size())))
                    + (reasons.size() > 3 ? "; ..." : ""));
            this.reasons = List.copyOf(reasons);
        }

        /** The reasons, at most {@value #REASONS_SHOWN} and a last line saying how many more there were. */
        public List<String> reasons() {
            if (reasons.size() <= REASONS_SHOWN) {
                return reasons;
            }
            var shown = new ArrayList<>(reasons.subList(0, REASONS_SHOWN));
            shown.add("... and " + (reasons.size() - REASONS_SHOWN) + " more");
            return shown;
        }
    }

    /**
     * Checks {@code content} as an upload of {@code dataset} for the months {@code from} to {@code to} and, when it
     * is good, puts it in the domain's inbox as {@code <dataset>-<first day of from>.csv}.
     *
     * @throws UploadRefused naming every row that is wrong, and why; nothing is written then
     */
    public Receipt upload(
            ManualDataset dataset, String uploader, YearMonth from, YearMonth to, String description, byte[] content) {
        var export = dataset.export();
        String file = dataset.name() + "-" + from.atDay(1) + ".csv";
        if (to.isBefore(from) || from.plusMonths(60).isBefore(to)) {
            throw new UploadRefused(
                    dataset,
                    List.of("the period " + from + " to " + to
                            + " is not a period of 1 to 60 months: give from <= to"));
        }
        if (content.length > export.maxBytes()) {
            throw new UploadRefused(
                    dataset,
                    List.of("the file has " + content.length + " bytes, more than the " + export.maxBytes()
                            + " of dataset " + dataset.name() + ": split it into shorter periods"));
        }
        String text = FileExport.utf8(content)
                .orElseThrow(
                        () -> new UploadRefused(dataset, List.of("the file is not UTF-8 text: save it as CSV UTF-8")));
        var checked = export.check(file, text);
        if (checked.headerProblem().isPresent()) {
            throw new UploadRefused(dataset, List.of(checked.headerProblem().get()));
        }
        var reasons = new ArrayList<String>();
        checked.problems().forEach(problem -> reasons.add(problem.reason()));
        reasons.addAll(keysAndMonths(dataset, checked, from, to));
        if (checked.rows().isEmpty() && reasons.isEmpty()) {
            reasons.add("the file has a header and no rows");
        }
        if (!reasons.isEmpty()) {
            // in the order of the file's lines, what concerns the whole file last
            reasons.sort(java.util.Comparator.comparingLong(ManualUploads::lineOf));
            throw new UploadRefused(dataset, reasons);
        }
        String sha256 = sha256(content);
        Instant at = clock.instant();
        try {
            Path inbox = Folders.createPrivateDirectories(layout.inbox(dataset.domain(), dataset.name()));
            // written aside and renamed: the domain's inbox never sees half a file
            Path part = inbox.resolve("." + file + ".part");
            Files.write(part, content);
            Files.move(part, inbox.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            var upload = new Upload(
                    at,
                    uploader,
                    description,
                    from.toString(),
                    to.toString(),
                    file,
                    checked.rows().size(),
                    sha256);
            Files.writeString(
                    log(dataset),
                    JSON.writeValueAsString(upload) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot put the upload of " + dataset.name() + " into the inbox of " + dataset.domain(), e);
        }
        return new Receipt(dataset.name(), file, checked.rows().size(), sha256, at);
    }

    /** The uploads of {@code dataset} taken so far, oldest first. */
    public List<Upload> uploads(ManualDataset dataset) {
        Path log = log(dataset);
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            var uploads = new ArrayList<Upload>();
            for (String line : Files.readAllLines(log)) {
                if (!line.isBlank()) {
                    uploads.add(JSON.readValue(line, Upload.class));
                }
            }
            return uploads;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the upload log of " + dataset.name(), e);
        }
    }

    private Path log(ManualDataset dataset) {
        return layout.inbox(dataset.domain(), dataset.name()).resolveSibling(dataset.name() + ".uploads.jsonl");
    }

    /** No key twice, no month outside the period, and every month of it for every value of the rest of the key. */
    private static List<String> keysAndMonths(
            ManualDataset dataset, FileExport.Checked checked, YearMonth from, YearMonth to) {
        var header = dataset.export().header();
        int month = header.indexOf(dataset.monthColumn());
        var reasons = new ArrayList<String>();
        var firstLineOfKey = new LinkedHashMap<String, Long>();
        var monthsOf = new LinkedHashMap<String, TreeSet<YearMonth>>();
        for (int r = 0; r < checked.rows().size(); r++) {
            var row = checked.rows().get(r);
            long line = checked.lines().get(r);
            String key = dataset.key().stream()
                    .map(column -> column + "=" + row.get(header.indexOf(column)))
                    .collect(Collectors.joining(", "));
            Long before = firstLineOfKey.putIfAbsent(key, line);
            if (before != null) {
                reasons.add("line " + line + " repeats " + key + " of line " + before + ": keep one of them");
                continue;
            }
            var value = YearMonth.parse(row.get(month));
            if (value.isBefore(from) || value.isAfter(to)) {
                reasons.add("line " + line + ": " + dataset.monthColumn() + " " + value + " is outside the period "
                        + from + " to " + to);
                continue;
            }
            String rest = dataset.key().stream()
                    .filter(column -> !column.equals(dataset.monthColumn()))
                    .map(column -> column + "=" + row.get(header.indexOf(column)))
                    .collect(Collectors.joining(", "));
            monthsOf.computeIfAbsent(rest, k -> new TreeSet<>()).add(value);
        }
        monthsOf.forEach((rest, months) -> {
            var missing = new ArrayList<YearMonth>();
            for (var m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                if (!months.contains(m)) {
                    missing.add(m);
                }
            }
            if (!missing.isEmpty()) {
                reasons.add((rest.isEmpty() ? "the file" : rest) + " has no row for " + missing
                        + ": a row for every month of the period is needed");
            }
        });
        return reasons;
    }

    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("line (\\d+)\\b.*");

    private static long lineOf(String reason) {
        var line = LINE.matcher(reason);
        return line.matches() ? Long.parseLong(line.group(1)) : Long.MAX_VALUE;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
