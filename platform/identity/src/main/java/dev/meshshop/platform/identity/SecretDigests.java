package dev.meshshop.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The issuer's check of client secrets: SHA-256 digests compared in constant time. The secrets the mesh makes are
 * random (144 bits), so a fast digest is enough; a deployment with people's passwords uses its own provider.
 */
final class SecretDigests implements PasswordEncoder {

    static String encoded(String secret) {
        return HexFormat.of().formatHex(digest(secret));
    }

    @Override
    public String encode(CharSequence raw) {
        return encoded(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        if (raw == null || encoded == null) {
            return false;
        }
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(encoded);
        } catch (IllegalArgumentException notADigest) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(raw.toString()));
    }

    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
