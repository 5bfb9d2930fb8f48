package dev.meshshop.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage audit stays bounded: each read's line, what memory keeps, and the files on disk, rotated. */
class UsageLogTests {

    @TempDir
    Path dataDir;

    @Test
    void whatACallerSendsIsCutBeforeItIsKeptOrWritten() throws IOException {
        var usage = new UsageLog(new MeshLayout(dataDir), 10);
        String huge = "x".repeat(3_000_000);

        usage.record(read(huge, "checkout." + huge, huge, huge));

        var kept = usage.list(null, null).get(0);
        assertThat(kept.consumer()).hasSizeLessThan(UserText.NAME + 40);
        assertThat(kept.products()).singleElement().asString().hasSizeLessThan(UserText.NAME + 40);
        assertThat(kept.reason()).hasSizeLessThan(Usage.REASON_KEPT + 40).endsWith("more characters)");
        assertThat(kept.sql()).hasSizeLessThan(Usage.SQL_KEPT + 40);
        assertThat(Files.size(usage.file())).isLessThan(5_000);
    }

    @Test
    void theFileIsRotatedAndOnlyTheNewestFilesAreKept() throws IOException {
        var layout = new MeshLayout(dataDir);
        var usage = new UsageLog(layout, 5, 4_096, 3);

        for (int i = 0; i < 300; i++) {
            usage.record(read("search", "checkout.orders", "SELECT " + i, "not granted: " + "y".repeat(200)));
        }

        var folder = usage.file().getParent();
        try (var files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("usage.jsonl", "usage.1.jsonl", "usage.2.jsonl");
        }
        for (var file : List.of("usage.jsonl", "usage.1.jsonl", "usage.2.jsonl")) {
            assertThat(Files.size(folder.resolve(file))).as(file).isLessThan(4_096 + 1_000);
            if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(file))))
                        .as("%s is readable by the mesh's user only", file)
                        .isEqualTo("rw-------");
            }
        }
        assertThat(usage.list(null, null)).hasSize(5).first().satisfies(newest -> assertThat(newest.sql())
                .isEqualTo("SELECT 299"));

        var restarted = new UsageLog(layout, 5, 4_096, 3);
        assertThat(restarted.list(null, null)).first().satisfies(newest -> assertThat(newest.sql())
                .isEqualTo("SELECT 299"));
    }

    @Test
    void anotherProcessReadsEveryReadAcrossARotation() {
        var layout = new MeshLayout(dataDir);
        var writer = new UsageLog(layout, 1_000, 4_096, 3);
        var reader = new UsageLog(layout, 1_000, 4_096, 3);
        writer.record(read("search", "checkout.orders", "SELECT 0", null));
        assertThat(reader.list(null, null)).hasSize(1);

        for (int i = 1; i < 15; i++) { // about 330 bytes each: one rotation, not two
            writer.record(read("search", "checkout.orders", "SELECT " + i, "z".repeat(200)));
        }
        assertThat(writer.file().resolveSibling("usage.1.jsonl")).exists();
        assertThat(writer.file().resolveSibling("usage.2.jsonl")).doesNotExist();

        assertThat(reader.list(null, null))
                .extracting(Usage::sql)
                .containsExactlyElementsOf(java.util.stream.IntStream.iterate(14, i -> i >= 0, i -> i - 1)
                        .mapToObj(i -> "SELECT " + i)
                        .toList());
    }

    @Test
    void aLineTooLongToBeTheAuditsIsSkippedWithoutReadingItWhole() throws IOException {
        var layout = new MeshLayout(dataDir);
        var file = AccessRequests.folder(layout).resolve("usage.jsonl");
        Files.createDirectories(file.getParent());
        var first = new UsageLog(layout, 10);
        first.record(read("search", "checkout.orders", "SELECT 1", null));
        Files.write(
                file,
                ("{\"consumer\":\"" + "w".repeat(JsonLines.MAX_LINE + 10) + "\"}\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        first.record(read("payment", "checkout.orders", "SELECT 2", null));

        var restarted = new UsageLog(layout, 10);

        assertThat(restarted.list(null, null)).extracting(Usage::consumer).containsExactly("payment", "search");
    }

    private static Usage read(String consumer, String product, String sql, String reason) {
        return new Usage(
                consumer,
                List.of(product),
                Instant.parse("2026-01-01T10:00:00Z"),
                0,
                1,
                reason == null ? Usage.Outcome.OK : Usage.Outcome.REFUSED,
                reason,
                "http",
                sql);
    }
}
