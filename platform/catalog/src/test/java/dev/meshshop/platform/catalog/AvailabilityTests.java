package dev.meshshop.platform.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A port's availability: the share of time it served a snapshot within the contract's freshness. */
class AvailabilityTests {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aSnapshotStaysWithinItsFreshnessForWhatIsLeftOfItAfterPublish() {
        // published 0.5 d old at T0, replaced after 2 d by a fresh one served 2 d more: with 1 d allowed, the first
        // is within for 0.5 d of its 2 d, the second for 1 d of its 2 d
        var served = List.of(health(T0, 0.5), health(T0.plus(Duration.ofDays(2)), 0.0));

        double share = ProductOperations.share(served, Optional.of(Duration.ofDays(1)), T0.plus(Duration.ofDays(4)));

        assertThat(share).isCloseTo(1.5 / 4, within(1e-9));
    }

    @Test
    void refreshedOftenEnoughItIsAlwaysAvailable() {
        var served = List.of(health(T0, 0.0), health(T0.plus(Duration.ofHours(6)), 0.0));

        assertThat(ProductOperations.share(served, Optional.of(Duration.ofDays(1)), T0.plus(Duration.ofHours(12))))
                .isEqualTo(1.0);
    }

    @Test
    void aSnapshotAlreadyStaleAtPublishNeverCounts() {
        var served = List.of(health(T0, 3.0));

        assertThat(ProductOperations.share(served, Optional.of(Duration.ofDays(1)), T0.plus(Duration.ofDays(1))))
                .isZero();
    }

    @Test
    void withoutAFreshnessLevelTheShareIsTheTimeServed() {
        var served = List.of(health(T0, 30.0));

        assertThat(ProductOperations.share(served, Optional.empty(), T0.plus(Duration.ofDays(1))))
                .isEqualTo(1.0);
        assertThat(ProductOperations.duration("2", "h")).contains(Duration.ofHours(2));
        assertThat(ProductOperations.duration("2", "fortnight")).isEmpty();
    }

    private static Catalog.SnapshotHealth health(Instant publishedAt, double freshnessDays) {
        return new Catalog.SnapshotHealth(
                publishedAt.toString(), publishedAt, "kept", 10L, 1, 0, 0, freshnessDays, "d");
    }
}
