package dev.meshshop.apps.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerImagesTests {

    static final Duration POLL = Duration.ofMillis(10);

    @TempDir
    Path dir;

    @Test
    void theTestsWaitUntilThePreparationEndsWell() throws Exception {
        Path exitCode = dir.resolve("exit-code");
        var waiting = CompletableFuture.runAsync(() -> DockerImages.await(exitCode, Duration.ofSeconds(30), POLL));
        Thread.sleep(200);
        assertThat(waiting).as("still waiting while the preparation runs").isNotDone();

        Files.writeString(exitCode, "0\n");

        waiting.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFailedPreparationFailsTheTestsWithItsLog() throws Exception {
        Path exitCode = dir.resolve("exit-code");
        Files.writeString(exitCode, "2\n");

        assertThatThrownBy(() -> DockerImages.await(exitCode, Duration.ofSeconds(30), POLL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit code 2")
                .hasMessageContaining(dir.resolve("log").toString());
    }

    @Test
    void aPreparationThatNeverEndsFailsTheTestsAfterTheWait() {
        assertThatThrownBy(() -> DockerImages.await(dir.resolve("exit-code"), Duration.ofMillis(100), POLL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not prepared within")
                .hasMessageContaining(dir.resolve("log").toString());
    }
}
