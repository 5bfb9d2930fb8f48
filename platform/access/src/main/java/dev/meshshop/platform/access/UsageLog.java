package dev.meshshop.platform.access;

import dev.meshshop.platform.storage.MeshLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/**
 * The audit of every read through the query service, refused ones included, in an append-only log under
 * {@code <data-dir>/access/usage.jsonl} shared by the mesh's processes. The newest {@code kept} reads are held in
 * memory to answer {@code GET /api/access/usage}; the file keeps all. A read is recorded without waiting for the
 * disk (the access log does wait), so a query pays microseconds for its audit line.
 */
public final class UsageLog {

    private final int kept;
    private final Deque<Usage> newest = new ArrayDeque<>();
    private final JsonLines<Usage> entries;

    public UsageLog(MeshLayout layout, int kept) {
        this.kept = kept;
        this.entries = new JsonLines<>(
                AccessRequests.folder(layout).resolve("usage.jsonl"),
                Usage.class,
                AccessRequests.JSON,
                false,
                this::keep);
        this.entries.catchUp();
    }

    public void record(Usage usage) {
        entries.append(() -> usage);
    }

    /** The reads matching every filter given (null matches all), newest first. */
    public List<Usage> list(String product, String consumer) {
        entries.catchUp();
        synchronized (newest) {
            var newestFirst = new ArrayList<>(newest);
            Collections.reverse(newestFirst);
            return newestFirst.stream()
                    .filter(usage -> product == null || usage.products().contains(product))
                    .filter(usage -> consumer == null || usage.consumer().equals(consumer))
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
