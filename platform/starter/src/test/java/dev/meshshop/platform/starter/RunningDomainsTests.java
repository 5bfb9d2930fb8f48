package dev.meshshop.platform.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mesh.domains}: which of the domains on the classpath a process runs. */
class RunningDomainsTests {

    static final List<MeshDomain> ON_CLASSPATH = List.of(domain("checkout"), domain("payment"), domain("search"));

    @Test
    void withoutNamesEveryDomainOnTheClasspathRuns() {
        assertThat(MeshAutoConfiguration.running(ON_CLASSPATH, properties(List.of())))
                .isEqualTo(ON_CLASSPATH);
    }

    @Test
    void namedDomainsRunInTheOrderGivenAndTheOthersDoNot() {
        assertThat(MeshAutoConfiguration.running(ON_CLASSPATH, properties(List.of("search", "checkout", "search"))))
                .extracting(MeshDomain::name)
                .containsExactly("search", "checkout");
    }

    @Test
    void aNameNoDomainHasStopsTheStartAndSaysWhichExist() {
        assertThatThrownBy(() -> MeshAutoConfiguration.running(ON_CLASSPATH, properties(List.of("chekout"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("mesh.domains names [chekout], but this application has no such domain on its classpath;"
                        + " it has [checkout, payment, search]");
    }

    private static MeshDomain domain(String name) {
        return MeshDomain.withoutEvents(name, name + "-team", List.of(), List.of());
    }

    private static MeshProperties properties(List<String> domains) {
        return new MeshProperties(
                Path.of(".mesh-data"),
                "direct",
                1,
                1,
                Duration.ZERO,
                Duration.ofSeconds(2),
                50_000,
                null,
                null,
                domains);
    }
}
