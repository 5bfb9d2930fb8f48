package dev.meshshop.platform.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.storage.Folders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of JSON objects, one per line, that several processes may share. Every write takes the file's
 * exclusive lock, first reads what others appended since this process last looked, then appends; so a decision
 * taken under the lock sees every earlier one. Each entry read or written is handed to {@code apply}, in file
 * order, exactly once.
 *
 * <p>Reading writes nothing: it opens the file read-only under a shared lock, and a missing file or folder reads
 * as empty. So a process that only reads (the catalog's pages, a provisioning one-shot) works on a read-only
 * mount; the folder and the file are created by the first append.
 *
 * <p>Reading takes the file in chunks, never whole, and skips a line longer than {@value #MAX_LINE} bytes: what a
 * process holds while it reads does not grow with the file.
 *
 * <p>With a {@link Rotation}, a file that outgrows its size is rotated by the append that makes it so, under the
 * lock: its content moves to {@code <name>.1.jsonl} (the older ones to {@code .2}, {@code .3}, ..., the oldest
 * beyond the number kept is deleted) and the file starts again with a line that names its generation. A process
 * that sees a new generation first reads what it had not read of the previous one, from {@code .1}.
 */
final class JsonLines<T> {

    private static final Logger log = LoggerFactory.getLogger(JsonLines.class);

    /** The longest line read; a longer one is not one this log wrote, and is skipped. */
    static final int MAX_LINE = 1 << 20;

    private static final int CHUNK = 1 << 16;
    private static final String GENERATION = "{\"generation\":\"";
    private static final int GENERATION_LINE = GENERATION.length() + 36 + 3;

    /** One monitor per file in this JVM: a file lock is held per process, so threads must take turns first. */
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    /**
     * When to rotate: once the file has more than {@code maxBytes}; {@code files} is how many files are kept, this
     * one included, so the log takes at most about {@code files * maxBytes} on disk.
     */
    record Rotation(long maxBytes, int files) {

        static final Rotation NONE = new Rotation(Long.MAX_VALUE, 1);

        Rotation {
            if (maxBytes < 1024) {
                throw new IllegalArgumentException("A log rotates at 1KB or more, not at " + maxBytes + " bytes");
            }
            if (files < 1) {
                throw new IllegalArgumentException("A log keeps at least one file, not " + files);
            }
        }
    }

    private final Path file;
    private final Class<T> type;
    private final ObjectMapper json;
    private final Consumer<T> apply;
    private final Object monitor;
    private final boolean durable;
    private final Rotation rotation;
    private long position;
    /** The generation the position is in: "" before the first rotation, null before the first read. */
    private String generation;
    /** Whether this process made the log readable by the mesh's user only, at its first append. */
    private boolean madePrivate;

    /**
     * @param durable whether each append waits until the disk has it; without, a crash of the machine (not of the
     *     process) may lose the newest lines
     */
    JsonLines(Path file, Class<T> type, ObjectMapper json, boolean durable, Consumer<T> apply) {
        this(file, type, json, durable, Rotation.NONE, apply);
    }

    JsonLines(Path file, Class<T> type, ObjectMapper json, boolean durable, Rotation rotation, Consumer<T> apply) {
        this.file = file.toAbsolutePath().normalize();
        this.durable = durable;
        this.type = type;
        this.json = json;
        this.rotation = rotation;
        this.apply = apply;
        this.monitor = MONITORS.computeIfAbsent(this.file, path -> new Object());
    }

    Path file() {
        return file;
    }

    /** The {@code n}th older file of a rotated log: {@code usage.1.jsonl} for {@code usage.jsonl} and 1. */
    Path rotated(int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String rotatedName = dot < 0 ? name + "." + n : name.substring(0, dot) + "." + n + name.substring(dot);
        return file.resolveSibling(rotatedName);
    }

    /** Reads what was appended since the last read or write, by any process. */
    void catchUp() {
        synchronized (monitor) {
            try {
                if (!Files.exists(file)) {
                    return;
                }
                long size = Files.size(file);
                if (size == position && generation != null) {
                    return;
                }
                try (var channel = FileChannel.open(file, StandardOpenOption.READ);
                        var lock = channel.lock(0, Long.MAX_VALUE, true)) {
                    readNew(channel);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
    }

    /**
     * Reads the whole previous file of a rotated log ({@code .1}) without changing where this process is: for a
     * process that starts, to know the newest entries even just after a rotation.
     */
    void readPrevious() {
        synchronized (monitor) {
            var previous = rotated(1);
            if (rotation.files() < 2 || !Files.exists(previous)) {
                return;
            }
            try (var channel = FileChannel.open(previous, StandardOpenOption.READ)) {
                readLines(channel, 0);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + previous, e);
            }
        }
    }

    /**
     * Under the file's lock: catches up, asks {@code next} for the entry to append (it may throw to append nothing),
     * appends and applies it, and rotates the file if it outgrew its size. Returns the entry.
     */
    T append(Supplier<T> next) {
        synchronized (monitor) {
            try {
                Folders.createPrivateDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot create the folder of " + file + ": this process appends to it,"
                                + " so it needs the data directory writable",
                        e);
            }
            try (var channel = FileChannel.open(
                            file,
                            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                            Folders.privateFile(file.getParent()));
                    var lock = channel.lock()) {
                if (!madePrivate) {
                    // a log an earlier version wrote as the umask said
                    Folders.makePrivate(file.getParent());
                    Folders.makePrivate(file);
                    madePrivate = true;
                }
                readNew(channel);
                T entry = next.get();
                var line = new ByteArrayOutputStream();
                if (channel.size() > 0 && !endsWithNewline(channel)) {
                    line.write('\n'); // a line torn by a crash stays on its own, and is skipped when read
                }
                line.write(json.writeValueAsBytes(entry));
                line.write('\n');
                long at = write(channel, line.toByteArray(), channel.size());
                if (durable) {
                    channel.force(false);
                }
                position = at;
                apply.accept(entry);
                if (at > rotation.maxBytes()) {
                    rotate(channel);
                }
                return entry;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to " + file, e);
            }
        }
    }

    /** Under the exclusive lock: moves the file's content to {@code .1} and starts a new generation. */
    private void rotate(FileChannel channel) throws IOException {
        if (rotation.files() < 2) {
            channel.truncate(0);
        } else {
            Files.deleteIfExists(rotated(rotation.files() - 1));
            for (int n = rotation.files() - 2; n >= 1; n--) {
                if (Files.exists(rotated(n))) {
                    Files.move(rotated(n), rotated(n + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            var copy = file.resolveSibling(file.getFileName() + ".rotating");
            try (var target = FileChannel.open(
                    copy,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                    Folders.privateFile(copy.getParent()))) {
                long copied = 0;
                long size = channel.size();
                while (copied < size) {
                    copied += channel.transferTo(copied, size - copied, target);
                }
                target.force(false);
            }
            Files.move(copy, rotated(1), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            channel.truncate(0);
        }
        generation = UUID.randomUUID().toString();
        position = write(channel, (GENERATION + generation + "\"}\n").getBytes(StandardCharsets.UTF_8), 0);
        channel.force(false);
    }

    /** Reads what is new in {@code channel}, first the rest of the previous generation if the file was rotated. */
    private void readNew(FileChannel channel) throws IOException {
        String current = generationOf(channel);
        if (generation != null && !generation.equals(current)) {
            readRestOfPrevious();
            position = 0;
        }
        generation = current;
        if (channel.size() > position) {
            position = readLines(channel, position);
        }
    }

    /** After a rotation by another process: what it appended to the previous generation since this one looked. */
    private void readRestOfPrevious() throws IOException {
        var previous = rotated(1);
        if (rotation.files() >= 2 && Files.exists(previous)) {
            try (var channel = FileChannel.open(previous, StandardOpenOption.READ)) {
                if (generation.equals(generationOf(channel))) {
                    readLines(channel, position);
                    return;
                }
            }
        }
        log.warn("{} was rotated more than once since this process last read it; some entries were not read", file);
    }

    /** The generation a file holds: what its first line names, or "" before the first rotation. */
    private static String generationOf(FileChannel channel) throws IOException {
        var start = ByteBuffer.allocate(GENERATION_LINE);
        while (start.hasRemaining() && channel.read(start, start.position()) > 0) {}
        String text = new String(start.array(), 0, start.position(), StandardCharsets.UTF_8);
        if (text.length() == GENERATION_LINE && text.startsWith(GENERATION) && text.endsWith("\"}\n")) {
            return text.substring(GENERATION.length(), GENERATION.length() + 36);
        }
        return "";
    }

    /**
     * Applies every complete line from {@code start} to the end of {@code channel}, reading in chunks. Returns the
     * position after the last complete line: a line being written, or torn, is read once it is complete.
     */
    private long readLines(FileChannel channel, long start) throws IOException {
        long size = channel.size();
        long at = start;
        long afterLastLine = start;
        var line = new ByteArrayOutputStream();
        boolean skipping = false;
        var buffer = ByteBuffer.allocate(CHUNK);
        while (at < size) {
            buffer.clear();
            int read = channel.read(buffer, at);
            if (read <= 0) {
                break;
            }
            byte[] bytes = buffer.array();
            int from = 0;
            for (int i = 0; i < read; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                if (skipping) {
                    log.warn("Skipping a line of {} longer than {} bytes", file, MAX_LINE);
                } else {
                    line.write(bytes, from, i - from);
                    parse(line.toByteArray());
                }
                line.reset();
                skipping = false;
                from = i + 1;
                afterLastLine = at + i + 1;
            }
            if (!skipping) {
                line.write(bytes, from, read - from);
                if (line.size() > MAX_LINE) {
                    skipping = true;
                    line.reset();
                }
            }
            at += read;
        }
        return afterLastLine;
    }

    private void parse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (text.isBlank() || text.startsWith(GENERATION)) {
            return;
        }
        T entry;
        try {
            entry = json.readValue(text, type);
        } catch (IOException e) {
            log.warn("Skipping an unreadable line of {}: {}", file, UserText.cut(e.getMessage(), UserText.NAME));
            return;
        }
        apply.accept(entry);
    }

    private static long write(FileChannel channel, byte[] bytes, long at) throws IOException {
        var buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return at;
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        var last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }
}
