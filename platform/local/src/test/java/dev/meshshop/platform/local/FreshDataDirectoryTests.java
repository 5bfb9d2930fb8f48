package dev.meshshop.platform.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshDataDirectoryTests {

    @TempDir
    Path dir;

    @Test
    void emptiesADirectoryTheMeshWroteBefore() throws Exception {
        var data = dir.resolve("data");
        FreshDataDirectory.reset(data);
        Files.createDirectories(data.resolve("domains/checkout"));
        Files.writeString(data.resolve("domains/checkout/checkout.duckdb"), "old");

        FreshDataDirectory.reset(data);

        try (var entries = Files.list(data)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactly(FreshDataDirectory.MARKER);
        }
    }

    @Test
    void refusesToEmptyAFolderItDidNotWrite() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> FreshDataDirectory.reset(dir))
                .hasMessageContaining("holds files that Mesh Shop did not write");
        assertThat(dir.resolve("thesis.tex")).exists();
    }
}
