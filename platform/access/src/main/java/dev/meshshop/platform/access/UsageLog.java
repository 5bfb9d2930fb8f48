package dev.meshshop.platform.access;

import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit of every read through the query service, refused ones included, in an append-only log under
 * {@code <data-dir>/access/usage.jsonl} shared by the mesh's processes. The newest {@code kept} reads are held in
 * memory to answer {@code GET /api/access/usage}. A read is recorded without waiting for the disk (the access log
 * does wait), so a query pays microseconds for its audit line.
 *
 * <p>Both are bounded: a read's line is at most about 10 KB whatever the caller sent ({@link Usage}), memory holds
 * {@code kept} of them, and the file is rotated once it outgrows {@code fileSize}: {@code usage.1.jsonl} is the
 * previous one, and {@code files} files are kept in all, the current one included.
 */
public final class UsageLog {

    private static final Logger log = LoggerFactory.getLogger(UsageLog.class);

    /** The file size at which the audit rotates by default: 16 MB. */
    public static final long FILE_SIZE = 16L << 20;

    /** How many files of the audit are kept by default, the current one included. */
    public static final int FILES = 4;

    private final int kept;
    private final Deque<Usage> newest = new ArrayDeque<>();
    private final JsonLines<Usage> entries;
    private final List<Consumer<Usage>> listeners = new CopyOnWriteArrayList<>();

    /** An audit that keeps {@code kept} reads in memory and rotates at the default size. */
    public UsageLog(MeshLayout layout, int kept) {
        this(layout, kept, FILE_SIZE, FILES);
    }

    /**
     * @param fileSize the size in bytes past which the file is rotated, at least 1 KB
     * @param files how many files are kept, the current one included; 1 keeps only the current one
     */
    public UsageLog(MeshLayout layout, int kept, long fileSize, int files) {
        if (kept < 1) {
            throw new IllegalArgumentException("mesh.access.usage-kept must be at least 1, not " + kept);
        }
        if (fileSize < 1024 || files < 1) {
            throw new IllegalArgumentException("mesh.access.usage-file-size must be at least 1KB and"
                    + " mesh.access.usage-files at least 1, not " + fileSize + " bytes and " + files);
        }
        this.kept = kept;
        this.entries = new JsonLines<>(
                AccessRequests.folder(layout).resolve("usage.jsonl"),
                Usage.class,
                AccessRequests.JSON,
                false,
                new JsonLines.Rotation(fileSize, files),
                this::keep);
        this.entries.readPrevious();
        this.entries.catchUp();
    }

    /** The file the audit appends to; older ones beside it are {@code usage.1.jsonl}, {@code usage.2.jsonl}, ... */
    public Path file() {
        return entries.file();
    }

    public void record(Usage usage) {
        entries.append(() -> usage);
        for (var listener : listeners) {
            try {
                listener.accept(usage);
            } catch (RuntimeException e) {
                // a listener, such as the mesh's metrics, never stops a read from being audited or answered
                log.warn("A listener of the usage audit failed on a read of {}: {}", usage.products(), e.toString());
            }
        }
    }

    /** Tells {@code listener} of every read recorded from now on, after it is written to the audit. */
    public void onRecord(Consumer<Usage> listener) {
        listeners.add(listener);
    }

    /** The reads matching every filter given (null matches all), newest first. */
    public List<Usage> list(String product, String consumer) {
        entries.catchUp();
        synchronized (newest) {
            var newestFirst = new ArrayList<>(newest);
            Collections.reverse(newestFirst);
            return newestFirst.stream()
                    .filter(usage -> product == null || usage.products().contains(product))
                    .filter(usage -> consumer == null || consumer.equals(usage.consumer()))
                    .toList();
        }
    }

    private void keep(Usage usage) {
        synchronized (newest) {
            newest.addLast(usage);
            while (newest.size() > kept) {
                newest.removeFirst();
            }
        }
    }
}
