package dev.meshshop.platform.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What each refresh of a domain did, published beside its products for the catalog to show as the products'
 * operations: one JSON line per refresh in {@code <data-dir>/mesh/<domain>/refreshes.jsonl}, its outcome (published
 * or refused, and why), its cleaning report and the snapshots it published. The domain's process writes it; any
 * process that reads the published products reads it.
 *
 * <p>Bounded: past {@value #MAX_BYTES} bytes the file keeps its newest lines, at most {@value #KEPT} and half as many
 * bytes, so a long-running mesh keeps its recent refreshes, not all of them.
 */
public final class RefreshHistory {

    /** The file's name in the domain's folder of published products. */
    public static final String FILE = "refreshes.jsonl";

    static final long MAX_BYTES = 2L * 1024 * 1024;
    static final int KEPT = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final MeshLayout layout;

    public RefreshHistory(MeshLayout layout) {
        this.layout = layout;
    }

    public Path file(String domain) {
        return layout.meshDir().resolve(domain).resolve(FILE);
    }

    /** Appends one refresh; a refresh that cannot be recorded never fails the refresh itself. */
    public synchronized void append(String domain, ObjectNode refresh) {
        Path file = file(domain);
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (JSON.writeValueAsString(refresh) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (Files.size(file) > MAX_BYTES) {
                keepNewest(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the refresh of " + domain + " in " + file, e);
        }
    }

    /** The newest {@code limit} refreshes of {@code domain}, oldest first; none when it never refreshed. */
    public List<JsonNode> newest(String domain, int limit) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(domain), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the refreshes of " + domain, e);
        }
        var refreshes = new ArrayList<JsonNode>();
        for (String line : lines.subList(Math.max(0, lines.size() - limit), lines.size())) {
            try {
                refreshes.add(JSON.readTree(line));
            } catch (IOException partlyWritten) {
                // a line being written, or cut by a crash: the others stand
            }
        }
        return refreshes;
    }

    /** Keeps the newest lines, at most {@value #KEPT} and at most half the bound in bytes. */
    private static void keepNewest(Path file) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int from = lines.size();
        long bytes = 0;
        while (from > 0 && lines.size() - from < KEPT) {
            bytes += lines.get(from - 1).getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > MAX_BYTES / 2) {
                break;
            }
            from--;
        }
        Path temp = file.resolveSibling("." + FILE + ".tmp");
        Files.write(temp, lines.subList(from, lines.size()), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
