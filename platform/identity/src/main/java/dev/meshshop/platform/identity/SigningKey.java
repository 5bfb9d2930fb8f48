package dev.meshshop.platform.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.meshshop.platform.storage.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/**
 * The key the mesh's issuer signs tokens with: an RSA key made at first start and kept in {@code
 * <data-dir>/identity/signing-key.json}, readable by the mesh's user only, so that tokens outlive a restart and
 * every process sharing the data directory validates them.
 */
final class SigningKey {

    static final String FILE = "identity/signing-key.json";

    private SigningKey() {}

    static RSAKey of(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Folders.createPrivateDirectories(file.getParent());
                var key = new RSAKeyGenerator(2048)
                        .keyID(UUID.randomUUID().toString())
                        .generate();
                Path temp = Files.createTempFile(file.getParent(), "signing-key", ".tmp");
                Folders.makePrivate(temp);
                Files.writeString(temp, key.toJSONString(), StandardCharsets.UTF_8);
                try {
                    // a hard link is made whole or not at all, and never over another process's key: when one made
                    // a key meanwhile, that one is used
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException madeMeanwhile) {
                    // the other process's key stands
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            Folders.makePrivate(file);
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the issuer's signing key in " + file, e);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(
                    "The issuer's signing key in " + file + " is unreadable; delete it to"
                            + " make a new one (tokens signed with the old one are refused then)",
                    e);
        }
    }
}
