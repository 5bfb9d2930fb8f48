package dev.meshshop.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

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

    @Test
    void secretsFromEnvironmentVariablesReplaceTheStoredOnesAndEmptyOnesDoNot() {
        var environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "MESH_IDENTITY_SECRETS_CLIENT_CHECKOUT_CLIENT", "client-from-env",
                                        "MESH_IDENTITY_SECRETS_USER_CHECKOUT", "member-from-env",
                                        "MESH_IDENTITY_SECRETS_CLIENT_PLATFORM", "")));
        var properties = new IdentityProperties(
                List.of(), Duration.ofMinutes(30), Map.of(), new IdentityProperties.Issuer(true, ""));

        var given = IdentityAutoConfiguration.givenSecrets(environment, properties, List.of("checkout"));
        var identities = MeshIdentities.open(dataDir, List.of("checkout"), given);

        assertThat(identities.clientSecret("checkout-client")).isEqualTo("client-from-env");
        assertThat(identities.password("checkout")).isEqualTo("member-from-env");
        assertThat(identities.clientSecret(MeshIdentities.PLATFORM)).isNotBlank();
    }
}
