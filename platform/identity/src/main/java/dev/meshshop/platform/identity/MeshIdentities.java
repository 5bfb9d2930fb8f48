package dev.meshshop.platform.identity;

import dev.meshshop.platform.storage.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who exists in the mesh, and their secrets. Every domain has a team with a member, user name = the domain, and a
 * machine client {@code <domain>-client} for its processes and tools; the user {@code governance} sees mesh-wide
 * views, and the client {@code platform} serves provisioning and the platform's tools.
 *
 * <p>The secrets are generated at first start (and for a domain added since) and kept in {@code
 * <data-dir>/identity/secrets.properties}, readable by the mesh's user only; one given in {@code
 * mesh.identity.secrets} (such as {@code user.checkout} or {@code client.platform}) replaces the stored one.
 */
public final class MeshIdentities {

    /** The user of the governance guild. */
    public static final String GOVERNANCE = "governance";

    /** The platform's machine client. */
    public static final String PLATFORM = "platform";

    /** The suffix of a domain's machine client: {@code checkout-client}. */
    public static final String CLIENT_SUFFIX = "-client";

    /** The file the secrets are kept in, under the data directory. */
    public static final String FILE = "identity/secrets.properties";

    private static final Pattern DOMAIN = Pattern.compile("[a-z][a-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SortedSet<String> domains;
    private final Path file;
    private final Map<String, Caller> people = new TreeMap<>();
    private final Map<String, Caller> clients = new TreeMap<>();
    private final Map<String, String> secrets;
    private final Map<String, byte[]> digests = new LinkedHashMap<>();

    private MeshIdentities(Collection<String> domains, Path file, Map<String, String> secrets) {
        this.domains = new TreeSet<>(domains);
        this.file = file;
        this.secrets = secrets;
        for (String domain : this.domains) {
            people.put(domain, new Caller(domain, domain, Set.of(Role.MEMBER)));
            clients.put(domain + CLIENT_SUFFIX, new Caller(domain + CLIENT_SUFFIX, domain, Set.of(Role.DOMAIN_CLIENT)));
        }
        people.put(GOVERNANCE, new Caller(GOVERNANCE, null, Set.of(Role.GOVERNANCE)));
        clients.put(PLATFORM, new Caller(PLATFORM, null, Set.of(Role.PLATFORM)));
        secrets.forEach((key, secret) -> digests.put(key, digest(secret)));
    }

    /**
     * The identities of {@code domains}, with their secrets read from {@code dataDir}, generating (and keeping) those
     * that are missing; {@code given} secrets replace stored ones and are not written.
     */
    public static synchronized MeshIdentities open(
            Path dataDir, Collection<String> domains, Map<String, String> given) {
        for (String domain : domains) {
            if (!DOMAIN.matcher(domain).matches() || domain.equals(GOVERNANCE) || domain.equals(PLATFORM)) {
                throw new IllegalArgumentException("'" + domain + "' cannot be a domain's name: lower-case letters,"
                        + " digits and underscores, and neither " + GOVERNANCE + " nor " + PLATFORM);
            }
        }
        Path file = dataDir.resolve(FILE);
        // Processes that share the data directory (the compose stack's) agree on one set of secrets.
        try (var lock = Lock.on(file.resolveSibling("secrets.lock"))) {
            var wanted = new TreeMap<String, String>();
            var stored = read(file);
            var keys = keys(domains);
            boolean changed = false;
            for (String key : keys) {
                String secret = stored.get(key);
                if (secret == null) {
                    secret = generated();
                    stored.put(key, secret);
                    changed = true;
                }
                wanted.put(key, givenOrElse(given, key, secret));
            }
            if (changed && lock.writable()) {
                write(file, stored);
            }
            return new MeshIdentities(domains, file, wanted);
        }
    }

    /**
     * The secret given for {@code key}, or {@code stored}. A blank one counts as not given (compose passes empty
     * variables); keys match whatever separates their parts, so that an environment variable can name one:
     * {@code MESH_IDENTITY_SECRETS_CLIENT_CHECKOUT_CLIENT} gives {@code client.checkout-client}.
     */
    private static String givenOrElse(Map<String, String> given, String key, String stored) {
        for (var entry : given.entrySet()) {
            if (normalized(entry.getKey()).equals(normalized(key))
                    && entry.getValue() != null
                    && !entry.getValue().isBlank()) {
                return entry.getValue();
            }
        }
        return stored;
    }

    static String normalized(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).replace('-', '.').replace('_', '.');
    }

    /**
     * An exclusive lock on a file beside the secrets, held while they are read and completed; none in a data
     * directory this process may only read (a read-only mount), which then keeps what it generates to itself.
     */
    private record Lock(FileChannel channel) implements AutoCloseable {

        static Lock on(Path file) {
            try {
                Folders.createPrivateDirectories(file.getParent());
                var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                channel.lock();
                return new Lock(channel);
            } catch (AccessDeniedException | ReadOnlyFileSystemException e) {
                return new Lock(null);
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("Read-only file system")) {
                    return new Lock(null);
                }
                throw new UncheckedIOException("Cannot lock the mesh's identities at " + file, e);
            }
        }

        boolean writable() {
            return channel != null;
        }

        @Override
        public void close() {
            if (channel == null) {
                return;
            }
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The keys of the secrets of {@code domains}' people and clients, governance's and the platform's. */
    public static SortedSet<String> keys(Collection<String> domains) {
        var keys = new TreeSet<String>();
        for (String domain : domains) {
            keys.add("user." + domain);
            keys.add("client." + domain + CLIENT_SUFFIX);
        }
        keys.add("user." + GOVERNANCE);
        keys.add("client." + PLATFORM);
        return keys;
    }

    /** The domains the mesh knows: a name not among them is refused everywhere. */
    public SortedSet<String> domains() {
        return new TreeSet<>(domains);
    }

    public boolean knows(String domain) {
        return domain != null && domains.contains(domain);
    }

    /** The people, by user name. */
    public Map<String, Caller> people() {
        return Map.copyOf(people);
    }

    /** The machine clients, by client id. */
    public Map<String, Caller> clients() {
        return Map.copyOf(clients);
    }

    /** Where the secrets are kept. */
    public Path file() {
        return file;
    }

    /** A person's password, for tests and the messages that say how to log in. */
    public String password(String user) {
        return secret("user." + user);
    }

    /** A machine client's secret. */
    public String clientSecret(String clientId) {
        return secret("client." + clientId);
    }

    /** The person {@code name} with {@code password}, if both are right. */
    public Optional<Caller> person(String name, String password) {
        return check(people, "user.", name, password);
    }

    /** The machine client {@code id} with {@code secret}, if both are right. */
    public Optional<Caller> client(String id, String secret) {
        return check(clients, "client.", id, secret);
    }

    /** A person, or else a machine client, by name and secret: what Flight SQL's user and password say. */
    public Optional<Caller> authenticate(String name, String secret) {
        return person(name, secret).or(() -> client(name, secret));
    }

    private Optional<Caller> check(Map<String, Caller> who, String prefix, String name, String secret) {
        if (name == null || secret == null) {
            return Optional.empty();
        }
        byte[] expected = digests.get(prefix + name);
        boolean matches = MessageDigest.isEqual(expected == null ? new byte[32] : expected, digest(secret));
        return matches && expected != null ? Optional.ofNullable(who.get(name)) : Optional.empty();
    }

    private String secret(String key) {
        String secret = secrets.get(key);
        if (secret == null) {
            throw new IllegalArgumentException("No identity " + key.substring(key.indexOf('.') + 1));
        }
        return secret;
    }

    /** Digests compared in constant time, so that an answer's timing tells nothing about a secret. */
    private static byte[] digest(String secret) {
        return SecretDigests.digest(secret);
    }

    private static String generated() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> read(Path file) {
        var secrets = new TreeMap<String, String>();
        if (!Files.exists(file)) {
            return secrets;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int at = line.indexOf('=');
                if (!line.startsWith("#") && at > 0) {
                    secrets.put(
                            line.substring(0, at).trim(), line.substring(at + 1).trim());
                }
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the mesh's identities in " + file, e);
        }
    }

    private static void write(Path file, Map<String, String> secrets) {
        var lines = new java.util.ArrayList<String>(List.of(
                "# The mesh's demo users (user.<name>) and machine clients (client.<id>) with their secrets.",
                "# Readable by the mesh's user only; mesh.identity.secrets.<key> replaces a value."));
        secrets.forEach((key, secret) -> lines.add(key + "=" + secret));
        try {
            Folders.createPrivateDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, Folders.privateFile(file.getParent()));
            }
            Folders.makePrivate(file);
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the mesh's identities in " + file, e);
        }
    }
}
