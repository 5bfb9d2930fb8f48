package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.annotation.Configuration;

class FreshDataDirectoryTests {

    @TempDir
    Path dir;

    @Test
    void keepsWhatTheMeshWroteBeforeUnlessToldToStartFresh() throws Exception {
        var data = dir.resolve("data");
        FreshDataDirectory.prepare(data, false);
        Files.createDirectories(data.resolve(EmbeddedBroker.FOLDER));
        Files.createDirectories(data.resolve("domains/checkout"));
        Files.writeString(data.resolve("domains/checkout/checkout.duckdb"), "kept");

        FreshDataDirectory.prepare(data, false);

        assertThat(data.resolve("domains/checkout/checkout.duckdb")).hasContent("kept");
        assertThat(data.resolve(EmbeddedBroker.FOLDER)).isDirectory();

        FreshDataDirectory.prepare(data, true);

        try (var entries = Files.list(data)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactly(FreshDataDirectory.MARKER);
        }
    }

    @Test
    void aSecondMeshCannotOpenOrEmptyTheDataDirectoryOfARunningOne() throws Exception {
        var data = dir.resolve("data");
        try (var running = FreshDataDirectory.open(data, false)) {
            Files.createDirectories(data.resolve(EmbeddedBroker.FOLDER));
            Files.writeString(data.resolve(FillRecord.FILE), "the running mesh's");

            assertThatThrownBy(() -> FreshDataDirectory.open(data, true))
                    .hasMessageContaining(data.toAbsolutePath().toString())
                    .hasMessageContaining("in use by another Mesh Shop");
            assertThat(data.resolve(FillRecord.FILE)).hasContent("the running mesh's");
        }

        // once the first has stopped, the directory opens again
        FreshDataDirectory.open(data, true).close();
        assertThat(data.resolve(FillRecord.FILE)).doesNotExist();
    }

    @Test
    void refusesDataOfAnEarlierMeshThatKeptNoBrokerLogAndSaysHowToStartFresh() throws Exception {
        var data = dir.resolve("data");
        FreshDataDirectory.prepare(data, false);
        Files.createDirectories(data.resolve("domains/checkout"));
        Files.writeString(data.resolve("domains/checkout/checkout.duckdb"), "offsets of a broker that is gone");

        assertThatThrownBy(() -> FreshDataDirectory.prepare(data, false))
                .hasMessageContaining(data.toAbsolutePath().toString())
                .hasMessageContaining("kept no broker log")
                .hasMessageContaining("--mesh.local.fresh=true");
        assertThat(data.resolve("domains/checkout/checkout.duckdb")).exists();

        FreshDataDirectory.prepare(data, true);
        assertThat(data.resolve("domains")).doesNotExist();
    }

    @Test
    void anotherApplicationWithTheLauncherOnItsClassPathKeepsItsDataAndStartsNoBroker() throws Exception {
        var data = dir.resolve("data");
        FreshDataDirectory.prepare(data, false);
        Files.writeString(data.resolve("published.parquet"), "a mesh someone else's application reads");
        var application = new SpringApplication(SomeOtherApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        try (var context =
                application.run("--mesh.data-dir=" + data, "--mesh.local.kafka-port=0", "--mesh.local.fresh=true")) {
            assertThat(data.resolve("published.parquet")).exists();
            assertThat(data.resolve(EmbeddedBroker.FOLDER)).doesNotExist();
            assertThat(context.containsBean(EmbeddedBroker.BEAN)).isFalse();
        }
    }

    /** An application of its own that happens to have the launcher's listeners on its class path. */
    @Configuration(proxyBeanMethods = false)
    static class SomeOtherApplication {}

    @Test
    void refusesToUseOrEmptyAFolderItDidNotWrite() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> FreshDataDirectory.prepare(dir, true))
                .hasMessageContaining("holds files that Mesh Shop did not write");
        assertThatThrownBy(() -> FreshDataDirectory.prepare(dir, false))
                .hasMessageContaining("holds files that Mesh Shop did not write");
        assertThat(dir.resolve("thesis.tex")).exists();
    }
}
