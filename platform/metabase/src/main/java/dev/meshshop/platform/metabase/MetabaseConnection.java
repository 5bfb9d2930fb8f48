package dev.meshshop.platform.metabase;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach a Metabase and who to be there.
 *
 * @param url where Metabase answers, such as {@code http://metabase:3000}
 * @param email the admin's e-mail: the first admin created on a new Metabase, or the one that signs in
 * @param password the admin's password
 * @param apiKey an API key to use instead of signing in (sent as {@code x-api-key}); blank for none. An API key
 *     cannot do the first-run setup, so a new Metabase needs the e-mail and password
 * @param timeout how long one call may take, connecting included
 * @param attempts how often a call that changes nothing or can be repeated (GET, PUT) is tried before it fails
 * @param backoff the wait before the second attempt, doubled for each further one
 */
public record MetabaseConnection(
        URI url, String email, String password, String apiKey, Duration timeout, int attempts, Duration backoff) {

    public MetabaseConnection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
        if (blank(apiKey) && (blank(email) || blank(password))) {
            throw new IllegalArgumentException(
                    "Metabase at " + url + " needs an admin's e-mail and password, or an API key");
        }
    }

    /** Signs in as an admin with e-mail and password, with 30 s per call and three attempts. */
    public static MetabaseConnection asAdmin(URI url, String email, String password) {
        return new MetabaseConnection(url, email, password, null, Duration.ofSeconds(30), 3, Duration.ofSeconds(1));
    }

    public MetabaseConnection withTimeout(Duration timeout) {
        return new MetabaseConnection(url, email, password, apiKey, timeout, attempts, backoff);
    }

    public MetabaseConnection withRetries(int attempts, Duration backoff) {
        return new MetabaseConnection(url, email, password, apiKey, timeout, attempts, backoff);
    }

    public MetabaseConnection withApiKey(String apiKey) {
        return new MetabaseConnection(url, email, password, apiKey, timeout, attempts, backoff);
    }

    boolean hasApiKey() {
        return !blank(apiKey);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "MetabaseConnection[" + url + " as " + (hasApiKey() ? "API key" : email) + "]";
    }
}
