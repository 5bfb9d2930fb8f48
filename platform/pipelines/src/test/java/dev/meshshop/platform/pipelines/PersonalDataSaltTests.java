package dev.meshshop.platform.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.MeshLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataSaltTests {

    @TempDir
    Path dataDir;

    @Test
    void theConfiguredSaltWinsAndNothingIsWritten() {
        var salt = PersonalDataSalt.configuredOrKept("a configured secret salt", new MeshLayout(dataDir));

        assertThat(salt.bytes()).isEqualTo("a configured secret salt".getBytes(StandardCharsets.UTF_8));
        assertThat(dataDir.resolve(PersonalDataSalt.FILE)).doesNotExist();
    }

    @Test
    void withoutOneAMeshGeneratesASaltOnceKeepsItForItsOwnerAndReusesIt() throws Exception {
        var first = PersonalDataSalt.configuredOrKept(null, new MeshLayout(dataDir));
        var again = PersonalDataSalt.configuredOrKept("", new MeshLayout(dataDir));

        Path file = dataDir.resolve(PersonalDataSalt.FILE);
        assertThat(Files.readString(file)).matches("[0-9a-f]{64}\n");
        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(PersonalDataSalt.configuredOrKept(null, new MeshLayout(Files.createTempDirectory(dataDir, "other")))
                        .bytes())
                .isNotEqualTo(first.bytes());
        if (Files.getFileStore(dataDir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void refusesAKeptSaltThatIsTooShort() throws Exception {
        Files.writeString(dataDir.resolve(PersonalDataSalt.FILE), "short\n");

        assertThatThrownBy(() -> PersonalDataSalt.configuredOrKept(null, new MeshLayout(dataDir)))
                .hasMessageContaining(PersonalDataSalt.FILE + " has 5 bytes; it needs at least 16");
    }
}
