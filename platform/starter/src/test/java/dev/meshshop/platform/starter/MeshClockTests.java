package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeshClockTests {

    private static final Instant YEAR_END = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theMeshsTimeStandsAtItsAsOfUntilItRunsAndThenMovesOnFromThere() {
        var clock = new MeshClock(YEAR_END);
        assertThat(clock.running()).isFalse();
        assertThat(clock.instant()).isEqualTo(YEAR_END);

        clock.run();
        Instant first = clock.instant();
        assertThat(clock.running()).isTrue();
        assertThat(first).isAfterOrEqualTo(YEAR_END).isBefore(YEAR_END.plusSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.instant().isAfter(first.plusMillis(20)));

        // running again does not set it back
        Instant later = clock.instant();
        clock.run();
        assertThat(clock.instant()).isAfterOrEqualTo(later);
    }

    @Test
    void withoutAnAsOfTheMeshsTimeIsTheWallClocks() {
        var clock = new MeshClock(null);
        assertThat(clock.running()).isTrue();
        Instant before = Instant.now();
        assertThat(clock.instant()).isAfterOrEqualTo(before).isBefore(before.plusSeconds(5));
    }
}
