package dev.meshshop.platform.pipelines;

import dev.meshshop.platform.storage.Folders;
import dev.meshshop.platform.storage.MeshLayout;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh's secret for hashing personal data ({@link MaskPersonalData}). Every domain of a mesh hashes with the
 * same salt, so equal values still join across domains; without the salt, nobody can find which e-mail address a
 * hash stands for by hashing a list of addresses. It is at least {@value #MIN_BYTES} bytes, and it never appears
 * in logs or in {@link #toString()}.
 */
public final class PersonalDataSalt implements Serializable {

    public static final int MIN_BYTES = 16;

    /** Where a mesh keeps the salt it generated for itself, under its data directory. */
    public static final String FILE = "mesh-secret";

    private static final Logger log = LoggerFactory.getLogger(PersonalDataSalt.class);

    private final byte[] bytes;

    private PersonalDataSalt(byte[] bytes, String source) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("The salt for personal data from " + source + " has " + bytes.length
                    + " bytes; it needs at least " + MIN_BYTES + ", such as 32 random bytes written in hex");
        }
        this.bytes = bytes.clone();
    }

    /** A salt given as text, such as a configured secret; its bytes are the text's UTF-8 bytes. */
    public static PersonalDataSalt of(String text) {
        return new PersonalDataSalt(text.getBytes(StandardCharsets.UTF_8), "the given text");
    }

    /**
     * The configured salt when there is one (a blank one counts as none), or else the salt kept in
     * {@code <data-dir>/}{@value #FILE}, which is generated on first use (32 random bytes, written in hex) and
     * readable by its owner only. Copying that file's text into the configuration of another process makes it hash
     * as this one does.
     */
    public static PersonalDataSalt configuredOrKept(String configured, MeshLayout layout) {
        if (configured != null && !configured.isBlank()) {
            log.info("Hashing personal data with the configured salt (mesh.personal-data-salt)");
            return new PersonalDataSalt(configured.getBytes(StandardCharsets.UTF_8), "mesh.personal-data-salt");
        }
        Path file = layout.dataDir().resolve(FILE);
        try {
            if (Files.exists(file)) {
                Folders.makePrivate(file);
                log.info("Hashing personal data with the salt kept in {}", file);
            } else {
                generate(file);
                log.info(
                        "Hashing personal data with a new salt, kept in {}; hashes change if it is lost, so back it up"
                                + " or set mesh.personal-data-salt",
                        file);
            }
            return new PersonalDataSalt(
                    Files.readString(file).strip().getBytes(StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the salt for personal data in " + file, e);
        }
    }

    /** Writes the salt under another name first, so that a crash never leaves an empty salt file behind. */
    private static void generate(Path file) throws IOException {
        var random = new byte[32];
        new SecureRandom().nextBytes(random);
        Folders.createPrivateDirectories(file.getParent());
        Path written = file.resolveSibling(FILE + ".new");
        Files.deleteIfExists(written);
        Files.createFile(written, Folders.privateFile(file.getParent()));
        Files.writeString(written, HexFormat.of().formatHex(random) + "\n");
        Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "PersonalDataSalt(" + bytes.length + " bytes)";
    }
}
