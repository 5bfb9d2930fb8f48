package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.ingest.IngestOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IngestPropertiesTests {

    @Test
    void withoutSettingsIngestRunsWithItsDefaults() {
        assertThat(bind(Map.of()).options()).isEqualTo(IngestOptions.DEFAULTS);
        assertThat(IngestOptions.DEFAULTS.maxEventBytes()).isEqualTo(256 * 1024);
    }

    @Test
    void settingsBindWithUnits() {
        var options = bind(Map.of(
                        "mesh.ingest.max-event-bytes", "1MB",
                        "mesh.ingest.max-nesting-depth", "8",
                        "mesh.ingest.lag-interval", "500ms",
                        "mesh.ingest.stall-after", "2m"))
                .options();

        assertThat(options).isEqualTo(new IngestOptions(1024 * 1024, 8, Duration.ofMillis(500), Duration.ofMinutes(2)));
    }

    @Test
    void aLimitThatCannotWorkIsRefusedNamingTheSetting() {
        assertThatThrownBy(
                        () -> bind(Map.of("mesh.ingest.max-event-bytes", "10B")).options())
                .hasMessageStartingWith("mesh.ingest.max-event-bytes is 10, too small");
        assertThatThrownBy(
                        () -> bind(Map.of("mesh.ingest.max-event-bytes", "4GB")).options())
                .hasMessageStartingWith(
                        "mesh.ingest.max-event-bytes is 4294967296B; the broker's own limit is about 1MB");
        assertThatThrownBy(() -> bind(Map.of("mesh.ingest.stall-after", "1s")).options())
                .hasMessageStartingWith("mesh.ingest.stall-after (PT1S) is shorter than mesh.ingest.lag-interval");
    }

    private static IngestProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("mesh.ingest", IngestProperties.class);
    }
}
