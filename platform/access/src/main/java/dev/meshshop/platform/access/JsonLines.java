package dev.meshshop.platform.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
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
 */
final class JsonLines<T> {

    private static final Logger log = LoggerFactory.getLogger(JsonLines.class);

    /** One monitor per file in this JVM: a file lock is held per process, so threads must take turns first. */
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;
    private final Class<T> type;
    private final ObjectMapper json;
    private final Consumer<T> apply;
    private final Object monitor;
    private final boolean durable;
    private long position;

    /**
     * @param durable whether each append waits until the disk has it; without, a crash of the machine (not of the
     *     process) may lose the newest lines
     */
    JsonLines(Path file, Class<T> type, ObjectMapper json, boolean durable, Consumer<T> apply) {
        this.file = file.toAbsolutePath().normalize();
        this.durable = durable;
        this.type = type;
        this.json = json;
        this.apply = apply;
        this.monitor = MONITORS.computeIfAbsent(this.file, path -> new Object());
    }

    Path file() {
        return file;
    }

    /** Reads what was appended since the last read or write, by any process. */
    void catchUp() {
        synchronized (monitor) {
            try {
                if (!Files.exists(file) || Files.size(file) <= position) {
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
     * Under the file's lock: catches up, asks {@code next} for the entry to append (it may throw to append nothing),
     * appends and applies it. Returns the entry.
     */
    T append(Supplier<T> next) {
        synchronized (monitor) {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot create the folder of " + file + ": this process appends to it,"
                                + " so it needs the data directory writable",
                        e);
            }
            try (var channel = FileChannel.open(
                            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    var lock = channel.lock()) {
                readNew(channel);
                T entry = next.get();
                var line = new ByteArrayOutputStream();
                if (channel.size() > 0 && !endsWithNewline(channel)) {
                    line.write('\n'); // a line torn by a crash stays on its own, and is skipped when read
                }
                line.write(json.writeValueAsBytes(entry));
                line.write('\n');
                var buffer = ByteBuffer.wrap(line.toByteArray());
                long at = channel.size();
                while (buffer.hasRemaining()) {
                    at += channel.write(buffer, at);
                }
                if (durable) {
                    channel.force(false);
                }
                position = at;
                apply.accept(entry);
                return entry;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to " + file, e);
            }
        }
    }

    private void readNew(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size <= position) {
            return;
        }
        var buffer = ByteBuffer.allocate(Math.toIntExact(size - position));
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {}
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return; // only a line being written, or torn: read it once it is complete
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            T entry;
            try {
                entry = json.readValue(line, type);
            } catch (IOException e) {
                log.warn("Skipping an unreadable line of {}: {}", file, e.getMessage());
                continue;
            }
            apply.accept(entry);
        }
        position += text.substring(0, end + 1).getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        var last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }
}
