package dev.meshshop.platform.ingest;

import dev.meshshop.platform.storage.DomainArea;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the files of one {@link FileExport} from the domain's inbox into its raw zone: extract and load, as delivered,
 * with the transformation left to the domain's SQL models (ELT). Every file gets a line in the ledger
 * {@value #FILES}, whatever becomes of it:
 *
 * <ul>
 *   <li>{@code loaded}: its rows are in {@code raw.<export>} with their file, line and business day, each row the
 *       header's columns as text; a row that is not CSV, has the wrong number of fields or a value not of its
 *       column's form is quarantined with its line and why, and the rest of the file loads;
 *   <li>{@code correction}: as loaded, for a business day an earlier file covered already: the view
 *       {@code raw.<export>_current} shows the latest file of each day, the raw table keeps both;
 *   <li>{@code duplicate}: the same bytes as a file of the same day taken before, under any name: nothing is loaded
 *       again;
 *   <li>{@code refused}: a name that is not the export's, a file over its size limit, not UTF-8, or a header other
 *       than the export's: nothing of it is loaded, and it is quarantined whole with the reason.
 * </ul>
 *
 * A file that arrives (its last modification) later than its business day's end plus the export's
 * {@code deliveredWithin} is loaded and counted late. Files move out of the inbox once their ledger line is committed:
 * to {@code loaded/}, or to {@code set-aside/} when duplicate or refused, so nothing delivered is deleted. A loaded
 * file whose ledger line committed but which did not move (the process stopped in between) is moved on the next load and
 * not counted again. Files whose names start with a dot or end in {@code .part} are still being written and wait.
 */
public final class FileInbox {

    /** The ledger of every file delivered to the domain, of all its exports. */
    public static final String FILES = "raw.files";

    static final String STAGE = "file-load";

    private static final Logger log = LoggerFactory.getLogger(FileInbox.class);

    /** What became of a file. */
    public enum Outcome {
        LOADED,
        CORRECTION,
        DUPLICATE,
        REFUSED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What one {@link #load()} did: the files it took, and the rows they brought. */
    public record Loaded(String export, int files, int late, List<String> refusals, long rows, long quarantined) {}

    private final DomainArea area;
    private final FileExport export;
    private final Path inbox;
    private final Clock clock;

    public FileInbox(DomainArea area, FileExport export, Path inbox, Clock clock) {
        this.area = area;
        this.export = export;
        this.inbox = inbox;
        this.clock = clock;
        area.withConnection(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(
                        """
                        CREATE TABLE IF NOT EXISTS raw.files (
                            export       VARCHAR   NOT NULL,
                            file_number  BIGINT    NOT NULL,
                            file_name    VARCHAR   NOT NULL,
                            business_day DATE,
                            sha256       VARCHAR   NOT NULL,
                            bytes        BIGINT    NOT NULL,
                            arrived_at   TIMESTAMP NOT NULL,
                            loaded_at    TIMESTAMP NOT NULL,
                            outcome      VARCHAR   NOT NULL,
                            late         BOOLEAN   NOT NULL,
                            rows         BIGINT    NOT NULL,
                            quarantined  BIGINT    NOT NULL,
                            reason       VARCHAR
                        )""");
                statement.execute("CREATE TABLE IF NOT EXISTS " + export.table() + " ("
                        + export.header().stream()
                                .map(column -> column + " VARCHAR")
                                .collect(Collectors.joining(", "))
                        + ", file_name VARCHAR NOT NULL, line_number BIGINT NOT NULL, business_day DATE NOT NULL)");
                statement.execute(
                        """
                        CREATE OR REPLACE VIEW %s AS
                        SELECT rows.* FROM %s AS rows
                        JOIN (
                            SELECT business_day, arg_max(file_name, file_number) AS file_name
                            FROM raw.files
                            WHERE export = '%s' AND outcome IN ('loaded', 'correction')
                            GROUP BY business_day
                        ) AS latest USING (business_day, file_name)"""
                                .formatted(export.currentView(), export.table(), export.name()));
            }
            return null;
        });
    }

    public FileExport export() {
        return export;
    }

    /** How many files the ledger holds for this export: it grows with every file taken, whatever its outcome. */
    public long filesTaken() {
        return area.queryLong("SELECT count(*) FROM " + FILES + " WHERE export = '" + export.name() + "'");
    }

    /** Takes every file waiting in the inbox, oldest delivery first. One bad file never stops the others. */
    public synchronized Loaded load() {
        List<Path> waiting;
        try {
            Files.createDirectories(inbox);
            try (var files = Files.list(inbox)) {
                waiting = files.filter(Files::isRegularFile)
                        .filter(file -> !file.getFileName().toString().startsWith("."))
                        .filter(file -> !file.getFileName().toString().endsWith(".part"))
                        .sorted(Comparator.comparing(FileInbox::arrival).thenComparing(Path::getFileName))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the inbox of export " + export.name() + " at " + inbox, e);
        }
        int files = 0;
        int late = 0;
        long rows = 0;
        long quarantined = 0;
        var refusals = new ArrayList<String>();
        for (Path file : waiting) {
            try {
                var entry = take(file);
                if (entry.isEmpty()) {
                    continue;
                }
                files++;
                late += entry.get().late() ? 1 : 0;
                rows += entry.get().rows();
                quarantined += entry.get().quarantined();
                if (entry.get().outcome() == Outcome.REFUSED) {
                    refusals.add(file.getFileName() + ": " + entry.get().reason());
                }
            } catch (IOException | RuntimeException e) {
                log.warn(
                        "Could not take {} from the inbox of {}; it stays there: {}",
                        file,
                        export.name(),
                        e.getMessage());
            }
        }
        var loaded = new Loaded(export.name(), files, late, List.copyOf(refusals), rows, quarantined);
        if (files > 0) {
            log.info(
                    "{}: took {} file(s) of export {} ({} late), {} rows loaded, {} quarantined{}",
                    export.domain(),
                    files,
                    export.name(),
                    late,
                    rows,
                    quarantined,
                    refusals.isEmpty() ? "" : "; refused " + refusals);
        }
        return loaded;
    }

    /** A file as delivered: its name, its business day (null for a name not of the export), its bytes. */
    private record Delivery(String fileName, LocalDate day, String sha256, long bytes, Instant arrivedAt) {}

    /** A ledger line, as written. */
    private record Entry(
            Delivery delivery, Outcome outcome, boolean late, long rows, long quarantined, String reason) {}

    /** A file taken before: its number in the ledger and its name. */
    private record Earlier(long number, String fileName) {}

    /** What goes to the quarantine: a bad row, or a refused file whole. */
    private record SetAside(String rule, String reason, String source, String text) {}

    private Optional<Entry> take(Path file) throws IOException {
        String name = file.getFileName().toString();
        Instant arrived = arrival(file);
        long bytes = Files.size(file);
        var matcher = export.fileNames().matcher(name);
        LocalDate day = null;
        if (matcher.matches()) {
            try {
                day = LocalDate.parse(matcher.group("day"));
            } catch (DateTimeParseException e) {
                day = null;
            }
        }
        if (day == null) {
            return Optional.of(refuse(
                    new Arrival(file, name, null, bytes, arrived),
                    "unexpected-name",
                    name + " is not a file of export " + export.name() + ": its files are named as "
                            + export.fileNames().pattern() + ", with a valid day"));
        }
        if (bytes > export.maxBytes()) {
            return Optional.of(refuse(
                    new Arrival(file, name, day, bytes, arrived),
                    "too-large",
                    name + " has " + bytes + " bytes, more than the " + export.maxBytes() + " export " + export.name()
                            + " takes: ask its sender to split it, or raise the export's limit"));
        }
        byte[] content = Files.readAllBytes(file);
        String sha256 = sha256(content);
        var earlier = earlierWithSameContent(day, sha256);
        if (earlier.isPresent()) {
            var before = earlier.get();
            if (before.fileName().equals(name) && !Files.exists(loadedCopy(before.number(), name))) {
                // its ledger line committed, and the process stopped before the file moved
                move(file, loadedCopy(before.number(), name));
                return Optional.empty();
            }
            return Optional.of(record(
                    file,
                    entry(
                            new Delivery(name, day, sha256, bytes, arrived),
                            Outcome.DUPLICATE,
                            0,
                            0,
                            "the same bytes as " + before.fileName() + ", taken before: nothing loaded again"),
                    List.of(),
                    List.of(),
                    List.of()));
        }
        var decoded = FileExport.utf8(content);
        if (decoded.isEmpty()) {
            return Optional.of(refuse(
                    new Arrival(file, name, day, bytes, arrived),
                    "not-utf8",
                    name + " is not UTF-8 text: ask its sender for UTF-8, the export's encoding"));
        }
        String text = decoded.get();
        var checked = export.check(name, text);
        if (checked.headerProblem().isPresent()) {
            return Optional.of(refuse(
                    new Arrival(file, name, day, bytes, arrived),
                    "unexpected-header",
                    checked.headerProblem().get()));
        }
        var good = checked.rows();
        var goodLines = checked.lines();
        var bad = checked.problems().stream()
                .map(problem ->
                        new SetAside(problem.rule(), problem.reason(), name + "#" + problem.line(), problem.text()))
                .toList();
        Outcome outcome = dayTakenBefore(day) ? Outcome.CORRECTION : Outcome.LOADED;
        String reason =
                outcome == Outcome.CORRECTION ? "replaces the earlier file of " + day + " in the current view" : null;
        return Optional.of(record(
                file,
                entry(new Delivery(name, day, sha256, bytes, arrived), outcome, good.size(), bad.size(), reason),
                good,
                goodLines,
                bad));
    }

    private Entry entry(Delivery delivery, Outcome outcome, long rows, long quarantined, String reason) {
        boolean late = delivery.day() != null && isLate(delivery.day(), delivery.arrivedAt());
        return new Entry(delivery, outcome, late, rows, quarantined, reason);
    }

    /** A file found in the inbox, before it is read. */
    private record Arrival(Path file, String name, LocalDate day, long bytes, Instant arrived) {}

    private Entry refuse(Arrival arrival, String rule, String why) throws IOException {
        Path file = arrival.file();
        String name = arrival.name();
        LocalDate day = arrival.day();
        long bytes = arrival.bytes();
        Instant arrived = arrival.arrived();
        byte[] content = bytes <= export.maxBytes() ? Files.readAllBytes(file) : new byte[0];
        return record(
                file,
                entry(new Delivery(name, day, sha256(content), bytes, arrived), Outcome.REFUSED, 0, 0, why),
                List.of(),
                List.of(),
                List.of(new SetAside(rule, why, name, new String(content, StandardCharsets.UTF_8))));
    }

    /**
     * Writes the file's ledger line, its rows and what it sets aside in one transaction, then moves the file out of
     * the inbox.
     */
    private Entry record(Path file, Entry entry, List<List<String>> rows, List<Long> lines, List<SetAside> setAside)
            throws IOException {
        long[] number = new long[1];
        var now = clock.instant();
        area.inTransaction(connection -> {
            number[0] = nextNumber(connection);
            try (var ledger = connection.prepareStatement(
                    "INSERT INTO " + FILES + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ledger.setString(1, export.name());
                ledger.setLong(2, number[0]);
                ledger.setString(3, entry.delivery().fileName());
                if (entry.delivery().day() == null) {
                    ledger.setNull(4, Types.DATE);
                } else {
                    ledger.setObject(4, entry.delivery().day());
                }
                ledger.setString(5, entry.delivery().sha256());
                ledger.setLong(6, entry.delivery().bytes());
                ledger.setObject(7, utc(entry.delivery().arrivedAt()));
                ledger.setObject(8, utc(now));
                ledger.setString(9, entry.outcome().column());
                ledger.setBoolean(10, entry.late());
                ledger.setLong(11, entry.rows());
                ledger.setLong(12, entry.quarantined());
                ledger.setString(13, entry.reason());
                ledger.execute();
            }
            if (!rows.isEmpty()) {
                int columns = export.header().size();
                try (var insert = connection.prepareStatement(
                        "INSERT INTO " + export.table() + " VALUES (" + "?, ".repeat(columns + 2) + "?)")) {
                    for (int r = 0; r < rows.size(); r++) {
                        for (int c = 0; c < columns; c++) {
                            insert.setString(c + 1, rows.get(r).get(c));
                        }
                        insert.setString(columns + 1, entry.delivery().fileName());
                        insert.setLong(columns + 2, lines.get(r));
                        insert.setObject(columns + 3, entry.delivery().day());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            try (var quarantine = connection.prepareStatement(
                    "INSERT INTO " + DomainArea.QUARANTINE
                            + " (stage, rule, reason, topic, event_id, original, quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (var item : setAside) {
                    quarantine.setString(1, STAGE);
                    quarantine.setString(2, item.rule());
                    quarantine.setString(3, item.reason());
                    quarantine.setString(4, "file:" + export.name());
                    quarantine.setString(5, item.source());
                    quarantine.setBytes(6, item.text().getBytes(StandardCharsets.UTF_8));
                    quarantine.setObject(7, utc(now));
                    quarantine.addBatch();
                }
                if (!setAside.isEmpty()) {
                    quarantine.executeBatch();
                }
            }
            return null;
        });
        boolean kept = entry.outcome() == Outcome.DUPLICATE || entry.outcome() == Outcome.REFUSED;
        move(
                file,
                kept
                        ? inbox.resolve("set-aside")
                                .resolve(number[0] + "-" + entry.delivery().fileName())
                        : loadedCopy(number[0], entry.delivery().fileName()));
        return entry;
    }

    private long nextNumber(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT coalesce(max(file_number), 0) + 1 FROM " + FILES)) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * The file of the same business day with the same bytes, taken before. Files of different days may have the same
     * bytes (two days without a row) and are not copies of each other.
     */
    private Optional<Earlier> earlierWithSameContent(LocalDate day, String sha256) {
        return area.withConnection(connection -> {
            try (var select = connection.prepareStatement("SELECT file_number, file_name FROM " + FILES
                    + " WHERE export = ? AND business_day = ? AND sha256 = ? AND outcome IN ('loaded', 'correction')"
                    + " ORDER BY file_number LIMIT 1")) {
                select.setString(1, export.name());
                select.setObject(2, day);
                select.setString(3, sha256);
                try (var result = select.executeQuery()) {
                    if (!result.next()) {
                        return Optional.<Earlier>empty();
                    }
                    return Optional.of(new Earlier(result.getLong(1), result.getString(2)));
                }
            }
        });
    }

    private boolean dayTakenBefore(LocalDate day) {
        return area.withConnection(connection -> {
            try (var select = connection.prepareStatement("SELECT count(*) FROM " + FILES
                    + " WHERE export = ? AND business_day = ? AND outcome IN ('loaded', 'correction')")) {
                select.setString(1, export.name());
                select.setObject(2, day);
                try (var result = select.executeQuery()) {
                    result.next();
                    return result.getLong(1) > 0;
                }
            }
        });
    }

    private boolean isLate(LocalDate day, Instant arrived) {
        Instant due = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(export.deliveredWithin());
        return arrived.isAfter(due);
    }

    private Path loadedCopy(long number, String name) {
        return inbox.resolve("loaded").resolve(number + "-" + name);
    }

    private static void move(Path file, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.move(file, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Instant arrival(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
