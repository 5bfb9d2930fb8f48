package dev.meshshop.platform.local;

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
    void anotherApplicationWithTheLauncherOnItsClassPathKeepsItsDataAndStartsNoBroker() throws Exception {
        var data = dir.resolve("data");
        FreshDataDirectory.reset(data);
        Files.writeString(data.resolve("published.parquet"), "a mesh someone else's application reads");
        var application = new SpringApplication(SomeOtherApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        try (var context = application.run("--mesh.data-dir=" + data, "--mesh.local.kafka-port=0")) {
            assertThat(data.resolve("published.parquet")).exists();
            assertThat(context.containsBean("embeddedKafkaBroker")).isFalse();
        }
    }

    /** An application of its own that happens to have the launcher's listeners on its class path. */
    @Configuration(proxyBeanMethods = false)
    static class SomeOtherApplication {}

    @Test
    void refusesToEmptyAFolderItDidNotWrite() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> FreshDataDirectory.reset(dir))
                .hasMessageContaining("holds files that Mesh Shop did not write");
        assertThat(dir.resolve("thesis.tex")).exists();
    }
}
