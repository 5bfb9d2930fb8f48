package dev.meshshop.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshHistoryTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void theNewestRefreshesComeBackOldestFirstAndACutLineIsSkipped() throws Exception {
        var history = new RefreshHistory(new MeshLayout(dataDir));
        for (int i = 0; i < 5; i++) {
            history.append("search", JSON.createObjectNode().put("run", i));
        }
        Files.writeString(history.file("search"), "{\"run\": 5, \"cut", StandardOpenOption.APPEND);

        assertThat(history.newest("search", 3).stream()
                        .map(run -> run.path("run").asInt()))
                .containsExactly(3, 4);
        assertThat(history.newest("payment", 3)).isEmpty();
    }

    @Test
    void theFileKeepsItsNewestLinesOnceItGrowsPastItsBound() throws Exception {
        var history = new RefreshHistory(new MeshLayout(dataDir));
        String padding = "x".repeat(4_000);
        int runs = (int) (RefreshHistory.MAX_BYTES / 4_000) + 10;
        for (int i = 0; i < runs; i++) {
            history.append("search", JSON.createObjectNode().put("run", i).put("padding", padding));
        }

        assertThat(Files.size(history.file("search"))).isLessThanOrEqualTo(RefreshHistory.MAX_BYTES + 5_000);
        var kept = Files.readAllLines(history.file("search"), StandardCharsets.UTF_8);
        assertThat(kept).hasSizeLessThanOrEqualTo(RefreshHistory.KEPT);
        assertThat(JSON.readTree(kept.get(kept.size() - 1)).path("run").asInt()).isEqualTo(runs - 1);
    }
}
