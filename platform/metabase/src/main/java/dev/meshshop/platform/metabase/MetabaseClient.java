package dev.meshshop.platform.metabase;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.meshshop.platform.metabase.MetabaseApi.Card;
import dev.meshshop.platform.metabase.MetabaseApi.CardRequest;
import dev.meshshop.platform.metabase.MetabaseApi.Collection;
import dev.meshshop.platform.metabase.MetabaseApi.CollectionItem;
import dev.meshshop.platform.metabase.MetabaseApi.CollectionRequest;
import dev.meshshop.platform.metabase.MetabaseApi.Dashboard;
import dev.meshshop.platform.metabase.MetabaseApi.DashboardRequest;
import dev.meshshop.platform.metabase.MetabaseApi.DashboardUpdate;
import dev.meshshop.platform.metabase.MetabaseApi.Database;
import dev.meshshop.platform.metabase.MetabaseApi.DatabaseRequest;
import dev.meshshop.platform.metabase.MetabaseApi.Login;
import dev.meshshop.platform.metabase.MetabaseApi.Page;
import dev.meshshop.platform.metabase.MetabaseApi.Session;
import dev.meshshop.platform.metabase.MetabaseApi.SessionProperties;
import dev.meshshop.platform.metabase.MetabaseApi.Setup;
import dev.meshshop.platform.metabase.MetabaseApi.SetupPrefs;
import dev.meshshop.platform.metabase.MetabaseApi.SetupUser;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * A client for the part of Metabase's REST API that dashboards as code need: first-run setup and sign-in,
 * databases, collections, saved questions (cards) and dashboards.
 *
 * <p>Calls that read (GET) or set a state (PUT) are tried again when Metabase fails (5xx) or does not answer in
 * time; calls that create something (POST) never are, because a POST that reached Metabase but whose answer was
 * lost would create a second copy. A failed call throws a {@link MetabaseException} that names the call, what
 * Metabase answered and what to check.
 */
public final class MetabaseClient {

    private static final Logger log = LoggerFactory.getLogger(MetabaseClient.class);
    private static final Set<HttpMethod> REPEATABLE = Set.of(HttpMethod.GET, HttpMethod.PUT);
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MetabaseConnection connection;
    private final RestClient rest;
    private final Consumer<HttpHeaders> credentials;

    private MetabaseClient(MetabaseConnection connection, RestClient rest, Consumer<HttpHeaders> credentials) {
        this.connection = connection;
        this.rest = rest;
        this.credentials = credentials;
    }

    /** A client that has not signed in yet; {@link #signIn()} returns one that has. */
    public static MetabaseClient to(MetabaseConnection connection) {
        var http = HttpClient.newBuilder().connectTimeout(connection.timeout()).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(connection.timeout());
        var rest = RestClient.builder()
                .baseUrl(connection.url().toString())
                .requestFactory(requests)
                .messageConverters(converters -> {
                    converters.removeIf(MappingJackson2HttpMessageConverter.class::isInstance);
                    converters.add(new MappingJackson2HttpMessageConverter(JSON));
                })
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        return new MetabaseClient(connection, rest, headers -> {});
    }

    /**
     * Signs in: with the API key if the connection has one; else as the admin, who is created first if this
     * Metabase has never been set up (its setup token is public until then).
     */
    public MetabaseClient signIn() {
        if (connection.hasApiKey()) {
            return new MetabaseClient(connection, rest, headers -> headers.set("x-api-key", connection.apiKey()));
        }
        var properties = sessionProperties();
        Session session;
        if (!properties.hasUserSetup() && properties.setupToken() != null) {
            log.info("Metabase at {} is new: creating its admin {}", connection.url(), connection.email());
            session = setup(properties.setupToken());
        } else {
            session = call(
                    HttpMethod.POST,
                    "/api/session",
                    new Login(connection.email(), connection.password()),
                    Session.class);
        }
        return new MetabaseClient(connection, rest, headers -> headers.set("X-Metabase-Session", session.id()));
    }

    public SessionProperties sessionProperties() {
        return call(HttpMethod.GET, "/api/session/properties", null, SessionProperties.class);
    }

    private Session setup(String token) {
        var site = "Mesh Shop";
        return call(
                HttpMethod.POST,
                "/api/setup",
                new Setup(
                        token,
                        new SetupUser(connection.email(), connection.password(), "Mesh", "Shop", site),
                        new SetupPrefs(site, "en", false)),
                Session.class);
    }

    public List<Database> databases() {
        return call(HttpMethod.GET, "/api/database", null, new ParameterizedTypeReference<Page<Database>>() {})
                .data();
    }

    public Database createDatabase(DatabaseRequest database) {
        return call(HttpMethod.POST, "/api/database", database, Database.class);
    }

    public Database updateDatabase(int id, DatabaseRequest database) {
        return call(HttpMethod.PUT, "/api/database/" + id, database, Database.class);
    }

    /** Asks Metabase to read the database's tables and columns again, such as views that init SQL created. */
    public void syncSchema(int id) {
        call(HttpMethod.POST, "/api/database/" + id + "/sync_schema", null, JsonNode.class);
    }

    public List<Collection> collections() {
        return call(HttpMethod.GET, "/api/collection", null, new ParameterizedTypeReference<List<Collection>>() {});
    }

    public Collection createCollection(CollectionRequest collection) {
        return call(HttpMethod.POST, "/api/collection", collection, Collection.class);
    }

    /** The cards and dashboards directly inside a collection. */
    public List<CollectionItem> items(int collectionId) {
        return call(
                        HttpMethod.GET,
                        "/api/collection/" + collectionId + "/items?models=card&models=dashboard",
                        null,
                        new ParameterizedTypeReference<Page<CollectionItem>>() {})
                .data();
    }

    /** A card, with its query in the legacy form, which holds the SQL of a native question as plain text. */
    public Card card(int id) {
        return call(HttpMethod.GET, "/api/card/" + id + "?legacy-mbql=true", null, Card.class);
    }

    public Card createCard(CardRequest card) {
        return call(HttpMethod.POST, "/api/card", card, Card.class);
    }

    public Card updateCard(int id, CardRequest card) {
        return call(HttpMethod.PUT, "/api/card/" + id, card, Card.class);
    }

    public Dashboard dashboard(int id) {
        return call(HttpMethod.GET, "/api/dashboard/" + id, null, Dashboard.class);
    }

    public Dashboard createDashboard(DashboardRequest dashboard) {
        return call(HttpMethod.POST, "/api/dashboard", dashboard, Dashboard.class);
    }

    public Dashboard updateDashboard(int id, DashboardUpdate update) {
        return call(HttpMethod.PUT, "/api/dashboard/" + id, update, Dashboard.class);
    }

    private <T> T call(HttpMethod method, String path, Object body, Class<T> answer) {
        return call(method, path, body, ParameterizedTypeReference.forType(answer));
    }

    private <T> T call(HttpMethod method, String path, Object body, ParameterizedTypeReference<T> answer) {
        int attempts = REPEATABLE.contains(method) ? connection.attempts() : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                var request = rest.method(method).uri(path).headers(credentials);
                if (body != null) {
                    request = request.contentType(MediaType.APPLICATION_JSON).body(body);
                }
                return request.retrieve().body(answer);
            } catch (RestClientResponseException e) {
                if (e.getStatusCode().is5xxServerError() && attempt < attempts) {
                    retryAfter(attempt, method, path, e.getStatusCode().value() + " " + reason(e));
                    continue;
                }
                throw refused(method, path, e, attempt);
            } catch (ResourceAccessException e) {
                if (attempt < attempts) {
                    retryAfter(attempt, method, path, e.getMessage());
                    continue;
                }
                throw unanswered(method, path, e, attempt);
            }
        }
    }

    private void retryAfter(int attempt, HttpMethod method, String path, String why) {
        var wait = connection.backoff().multipliedBy(1L << (attempt - 1));
        log.warn("{} {} failed ({}); trying again in {} ms", method, path, why, wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetabaseException("Interrupted while waiting to call " + method + " " + path + " again", 0, e);
        }
    }

    private MetabaseException refused(HttpMethod method, String path, RestClientResponseException e, int attempts) {
        int status = e.getStatusCode().value();
        String call = method + " " + connection.url() + path;
        String answer = status + " " + reason(e);
        String message =
                switch (status) {
                    case 401 ->
                        "Metabase refused to sign in " + call + " (" + answer + "): check the admin's e-mail"
                                + " and password or the API key this client was given for " + connection.url();
                    case 403 ->
                        "Metabase does not allow " + call + " (" + answer + "): dashboards as code need an"
                                + " admin, or an API key of the Administrators group";
                    case 404 ->
                        "Metabase has no " + call + " (" + answer + "): is " + connection.url() + " a Metabase"
                                + " of the version pinned in .env, and does the object still exist?";
                    default -> {
                        if (status >= 500) {
                            yield "Metabase failed on " + call + " (" + answer + ")"
                                    + (REPEATABLE.contains(method)
                                            ? " " + attempts + " times"
                                            : "; not tried again, because a " + method
                                                    + " creates something and might have been done: running the"
                                                    + " provisioner again finds what exists");
                        }
                        yield "Metabase rejected " + call + " (" + answer + ")";
                    }
                };
        return new MetabaseException(message, status, e);
    }

    private MetabaseException unanswered(HttpMethod method, String path, ResourceAccessException e, int attempts) {
        String call = method + " " + connection.url() + path;
        String tries = attempts == 1 ? "" : " (tried " + attempts + " times)";
        if (e.getCause() instanceof HttpTimeoutException) {
            return new MetabaseException(
                    "Metabase did not answer " + call + " within "
                            + connection.timeout().toMillis() + " ms" + tries
                            + ": is it still starting, or overloaded?",
                    0,
                    e);
        }
        var cause = e.getCause() instanceof IOException io ? io : e;
        return new MetabaseException(
                "Cannot reach Metabase for " + call + tries + ": " + cause + ". Is it running at " + connection.url()
                        + "?",
                0,
                e);
    }

    /** Metabase's own words: the {@code message} of a JSON error, or the start of the body. */
    private static String reason(RestClientResponseException e) {
        String body = e.getResponseBodyAsString();
        if (body.isBlank()) {
            return e.getStatusText();
        }
        try {
            var json = JSON.readTree(body);
            if (json.hasNonNull("message")) {
                return json.get("message").asText();
            }
            if (json.hasNonNull("errors")) {
                return json.get("errors").toString();
            }
        } catch (IOException notJson) {
            // Metabase answers some errors as plain text
        }
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    @Override
    public String toString() {
        return "MetabaseClient[" + connection + "]";
    }
}
