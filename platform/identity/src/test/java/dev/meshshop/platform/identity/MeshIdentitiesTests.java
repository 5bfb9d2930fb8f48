package dev.meshshop.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshIdentitiesTests {

    @TempDir
    Path dataDir;

    @Test
    void everyDomainHasAMemberAndAClientWhoseSecretsAreKeptPrivateAndSurviveARestart() throws Exception {
        var first = MeshIdentities.open(dataDir, List.of("checkout", "payment"), Map.of());

        assertThat(first.people()).containsOnlyKeys("checkout", "payment", MeshIdentities.GOVERNANCE);
        assertThat(first.clients()).containsOnlyKeys("checkout-client", "payment-client", MeshIdentities.PLATFORM);
        assertThat(Files.getPosixFilePermissions(first.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        var again = MeshIdentities.open(dataDir, List.of("checkout", "payment"), Map.of());
        assertThat(again.password("checkout")).isEqualTo(first.password("checkout"));
        assertThat(again.person("checkout", first.password("checkout")))
                .hasValueSatisfying(caller -> assertThat(caller.domain()).isEqualTo("checkout"));
    }

    @Test
    void aWrongSecretAnUnknownNameOrAGhostDomainIsNobody() {
        var identities = MeshIdentities.open(dataDir, List.of("checkout"), Map.of());

        assertThat(identities.authenticate("checkout", "wrong")).isEmpty();
        assertThat(identities.authenticate("nobody", identities.password("checkout")))
                .isEmpty();
        assertThat(identities.knows("ghost")).isFalse();
        assertThat(identities.authenticate("checkout-client", identities.clientSecret("checkout-client")))
                .hasValueSatisfying(
                        caller -> assertThat(caller.actsFor("checkout")).isTrue());
    }

    @Test
    void aGivenSecretReplacesTheStoredOne() {
        var identities = MeshIdentities.open(dataDir, List.of("checkout"), Map.of("client.platform", "from-env"));

        assertThat(identities.client(MeshIdentities.PLATFORM, "from-env"))
                .hasValueSatisfying(caller -> assertThat(caller.platform()).isTrue());
    }
}
