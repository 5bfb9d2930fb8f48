package dev.meshshop.platform.metabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Metabase for tests: WireMock answering the endpoints that dashboards as code use as the API reference of the
 * pinned Metabase version documents them, with state, so that what one call creates the next one finds. Tests
 * read WireMock's journal to check the exact calls, and add stubs of their own (401, 500, delays) that take
 * precedence over the fake.
 *
 * <p>Like Metabase, it answers 401 to calls without a valid session or API key, 404 to endpoints it does not
 * have (among them the {@code /api/dashboard/{id}/cards} endpoints that current versions removed), and 400 when a
 * required field is missing.
 */
public final class FakeMetabase implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@mesh-shop.test";
    public static final String ADMIN_PASSWORD = "Mesh-Shop-2025";
    public static final String API_KEY = "mb_test_key";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;
    private final State state = new State();

    private FakeMetabase(int port) {
        server = new WireMockServer(
                (port == 0 ? options().dynamicPort() : options().port(port)).extensions(state));
        server.start();
        server.stubFor(any(urlPathMatching("/api/.*"))
                .atPriority(10)
                .willReturn(aResponse().withTransformers(State.NAME)));
    }

    /** A Metabase that was never set up: it tells its setup token to anyone. */
    public static FakeMetabase fresh() {
        return fresh(0);
    }

    /** A Metabase that was never set up, listening on {@code port} (0 picks a free one). */
    public static FakeMetabase fresh(int port) {
        return new FakeMetabase(port);
    }

    /** A Metabase whose admin exists already. */
    public static FakeMetabase setUp() {
        var metabase = new FakeMetabase(0);
        metabase.state.setupToken = null;
        return metabase;
    }

    public WireMockServer wireMock() {
        return server;
    }

    public URI url() {
        return URI.create(server.baseUrl());
    }

    public MetabaseConnection admin() {
        return MetabaseConnection.asAdmin(url(), ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Every call so far, oldest first, as {@code METHOD path?query}. */
    public List<String> calls() {
        return requests().stream()
                .map(request -> request.getMethod() + " " + request.getUrl())
                .toList();
    }

    /** How often {@code call}, such as {@code GET /api/database}, was made so far. */
    public long times(String call) {
        return calls().stream().filter(call::equals).count();
    }

    /** Every request so far, oldest first. */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream()
                .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
                .map(ServeEvent::getRequest)
                .toList();
    }

    /** The calls that created something in Metabase; setup, sign-in and sync create nothing one could see. */
    public List<String> creations() {
        return calls().stream()
                .filter(call -> call.matches("POST /api/(database|collection|card|dashboard)"))
                .toList();
    }

    public void resetJournal() {
        server.resetRequests();
    }

    /** The names of the dashboards in the collection {@code collection}, which lies in {@code parent}. */
    public List<String> dashboardsIn(String parent, String collection) {
        return state.dashboardNamesIn(parent, collection);
    }

    /** The SQL of the question named {@code name}. */
    public String sqlOf(String name) {
        return state.cards.values().stream()
                .filter(card -> card.path("name").asText().equals(name))
                .map(card ->
                        card.path("dataset_query").path("native").path("query").asText())
                .findFirst()
                .orElseThrow();
    }

    /** The token a new Metabase tells in its session properties; null once its admin exists. */
    public String setupToken() {
        return state.setupToken;
    }

    /** The id of the database, collection, card or dashboard of this name. */
    public int createdId(String kind, String name) {
        var store =
                switch (kind) {
                    case "database" -> state.databases;
                    case "collection" -> state.collections;
                    case "card" -> state.cards;
                    case "dashboard" -> state.dashboards;
                    default -> throw new IllegalArgumentException(kind);
                };
        return store.values().stream()
                .filter(object -> object.path("name").asText().equals(name))
                .map(object -> object.get("id").asInt())
                .findFirst()
                .orElseThrow(() -> new AssertionError("Metabase has no " + kind + " named " + name));
    }

    /** The ids of the dashcards on the dashboard of this name, in grid order. */
    public List<Integer> dashcardIds(String dashboard) {
        var ids = new ArrayList<Integer>();
        state.dashboards
                .get(createdId("dashboard", dashboard))
                .path("dashcards")
                .forEach(dashcard -> ids.add(dashcard.get("id").asInt()));
        return ids;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The fake's state and its answers. */
    private static final class State implements ResponseTransformerV2 {

        static final String NAME = "fake-metabase";
        private static final Pattern ID = Pattern.compile("/api/(database|card|dashboard|collection)/(\\d+)(/.*)?");

        private final AtomicInteger ids = new AtomicInteger(100);
        private final List<String> sessions = new ArrayList<>();
        private final Map<Integer, ObjectNode> databases = new LinkedHashMap<>();
        private final Map<Integer, ObjectNode> collections = new LinkedHashMap<>();
        private final Map<Integer, ObjectNode> cards = new LinkedHashMap<>();
        private final Map<Integer, ObjectNode> dashboards = new LinkedHashMap<>();
        private String setupToken = UUID.randomUUID().toString();

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public synchronized Response transform(Response response, ServeEvent event) {
            var request = event.getRequest();
            String method = request.getMethod().getName();
            String path = URI.create(request.getUrl()).getPath();
            try {
                JsonNode body = request.getBodyAsString().isBlank() ? null : JSON.readTree(request.getBodyAsString());
                var answer = answer(method, path, request, body);
                return Response.Builder.like(response)
                        .status(answer.status)
                        .headers(new HttpHeaders(HttpHeader.httpHeader("Content-Type", "application/json")))
                        .body(answer.body instanceof String text ? text : JSON.writeValueAsString(answer.body))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private record Answer(int status, Object body) {}

        private static Answer ok(Object body) {
            return new Answer(200, body);
        }

        private static Answer error(int status, String message) {
            return new Answer(status, JSON.createObjectNode().put("message", message));
        }

        private Answer answer(String method, String path, LoggedRequest request, JsonNode body) {
            if (method.equals("GET") && path.equals("/api/health")) {
                return ok(JSON.createObjectNode().put("status", "ok"));
            }
            if (method.equals("GET") && path.equals("/api/session/properties")) {
                var properties = JSON.createObjectNode();
                properties.put("setup-token", setupToken);
                properties.put("has-user-setup", setupToken == null);
                properties.putObject("version").put("tag", "v0.63.10");
                return ok(properties);
            }
            if (method.equals("POST") && path.equals("/api/setup")) {
                if (setupToken == null || !setupToken.equals(body.path("token").asText())) {
                    return error(403, "Token does not match the setup token.");
                }
                if (!body.path("user").path("email").asText().equals(ADMIN_EMAIL)) {
                    return error(400, "value must be a valid email address.");
                }
                setupToken = null;
                return ok(session());
            }
            if (method.equals("POST") && path.equals("/api/session")) {
                if (setupToken == null
                        && body.path("username").asText().equals(ADMIN_EMAIL)
                        && body.path("password").asText().equals(ADMIN_PASSWORD)) {
                    return ok(session());
                }
                return new Answer(
                        401,
                        JSON.createObjectNode()
                                .set(
                                        "errors",
                                        JSON.createObjectNode().put("password", "did not match stored password")));
            }
            if (!signedIn(request)) {
                return new Answer(401, "Unauthenticated");
            }
            var byId = ID.matcher(path);
            if (method.equals("GET") && path.equals("/api/database")) {
                return ok(page(databases.values()));
            }
            if (method.equals("POST") && path.equals("/api/database")) {
                return create(databases, body, "engine", "name", "details");
            }
            if (method.equals("GET") && path.equals("/api/collection")) {
                var all = JSON.createArrayNode();
                all.addObject().put("id", "root").put("name", "Our analytics").put("location", "/");
                all.addObject()
                        .put("id", 1)
                        .put("name", "Mesh Shop's Personal Collection")
                        .put("location", "/")
                        .put("personal_owner_id", 1);
                collections.values().forEach(all::add);
                return ok(all);
            }
            if (method.equals("POST") && path.equals("/api/collection")) {
                var created = create(collections, body, "name");
                if (created.status == 200) {
                    var collection = (ObjectNode) created.body;
                    var parent = collection.path("parent_id");
                    collection.put("location", parent.isNumber() ? "/" + parent.asInt() + "/" : "/");
                    collection.put("archived", false);
                }
                return created;
            }
            if (method.equals("POST") && path.equals("/api/card")) {
                return create(cards, body, "name", "display", "visualization_settings", "dataset_query");
            }
            if (method.equals("POST") && path.equals("/api/dashboard")) {
                var created = create(dashboards, body, "name");
                if (created.status == 200) {
                    ((ObjectNode) created.body).putArray("dashcards");
                    ((ObjectNode) created.body).putArray("tabs");
                }
                return created;
            }
            if (byId.matches()) {
                return byId(method, byId, request, body);
            }
            return new Answer(404, "API endpoint does not exist.");
        }

        private Answer byId(String method, Matcher path, LoggedRequest request, JsonNode body) {
            int id = Integer.parseInt(path.group(2));
            String rest = path.group(3) == null ? "" : path.group(3);
            var store =
                    switch (path.group(1)) {
                        case "database" -> databases;
                        case "card" -> cards;
                        case "dashboard" -> dashboards;
                        default -> collections;
                    };
            var object = store.get(id);
            if (object == null) {
                return new Answer(404, "Not found.");
            }
            if (path.group(1).equals("database") && method.equals("POST") && rest.equals("/sync_schema")) {
                return ok(JSON.createObjectNode().put("status", "ok"));
            }
            if (path.group(1).equals("collection") && method.equals("GET") && rest.equals("/items")) {
                return ok(items(id, request.queryParameter("models").values()));
            }
            if (!rest.isEmpty()) {
                return new Answer(404, "API endpoint does not exist.");
            }
            if (method.equals("GET")) {
                if (path.group(1).equals("card")
                        && !request.queryParameter("legacy-mbql").isPresent()) {
                    return ok(asMbql5(object));
                }
                return ok(object);
            }
            if (method.equals("PUT")) {
                if (path.group(1).equals("dashboard") && body.has("dashcards")) {
                    var problem = placeDashcards(object, (ArrayNode) body.get("dashcards"));
                    if (problem != null) {
                        return error(400, problem);
                    }
                }
                body.fields().forEachRemaining(field -> {
                    if (!field.getKey().equals("dashcards") && !field.getKey().equals("tabs")) {
                        object.set(field.getKey(), field.getValue());
                    }
                });
                return ok(object);
            }
            return new Answer(404, "API endpoint does not exist.");
        }

        private String placeDashcards(ObjectNode dashboard, ArrayNode wanted) {
            var placed = JSON.createArrayNode();
            for (JsonNode dashcard : wanted) {
                for (String field : List.of("id", "size_x", "size_y", "row", "col")) {
                    if (!dashcard.has(field)) {
                        return "dashcards: " + field + " is missing";
                    }
                }
                var copy = (ObjectNode) dashcard.deepCopy();
                if (copy.get("id").asInt() < 0) {
                    copy.put("id", ids.incrementAndGet());
                } else if (!hasDashcard(dashboard, copy.get("id").asInt())) {
                    return "dashcards: no dashcard " + copy.get("id").asInt() + " on this dashboard";
                }
                if (!cards.containsKey(copy.path("card_id").asInt())) {
                    return "dashcards: no card " + copy.path("card_id").asInt();
                }
                placed.add(copy);
            }
            dashboard.set("dashcards", placed);
            return null;
        }

        private static boolean hasDashcard(ObjectNode dashboard, int id) {
            for (JsonNode dashcard : dashboard.path("dashcards")) {
                if (dashcard.path("id").asInt() == id) {
                    return true;
                }
            }
            return false;
        }

        private ObjectNode items(int collection, List<String> models) {
            var items = new ArrayList<ObjectNode>();
            if (models.contains("card")) {
                cards.values().stream()
                        .filter(card -> card.path("collection_id").asInt() == collection)
                        .forEach(card -> items.add(item(card, "card")));
            }
            if (models.contains("dashboard")) {
                dashboards.values().stream()
                        .filter(dashboard -> dashboard.path("collection_id").asInt() == collection)
                        .forEach(dashboard -> items.add(item(dashboard, "dashboard")));
            }
            var page = page(items);
            page.set("models", JSON.valueToTree(models));
            return page;
        }

        private static ObjectNode item(ObjectNode object, String model) {
            return JSON.createObjectNode()
                    .put("id", object.get("id").asInt())
                    .put("name", object.get("name").asText())
                    .put("model", model)
                    .put("description", object.path("description").asText(null));
        }

        private static ObjectNode asMbql5(ObjectNode card) {
            var copy = card.deepCopy();
            var legacy = card.path("dataset_query");
            var query = JSON.createObjectNode();
            query.put("lib/type", "mbql/query");
            query.put("database", legacy.path("database").asInt());
            query.putArray("stages")
                    .addObject()
                    .put("lib/type", "mbql.stage/native")
                    .put("native", legacy.path("native").path("query").asText());
            copy.set("dataset_query", query);
            return copy;
        }

        private Answer create(Map<Integer, ObjectNode> store, JsonNode body, String... required) {
            for (String field : required) {
                if (body == null || !body.hasNonNull(field)) {
                    return new Answer(
                            400,
                            JSON.createObjectNode()
                                    .set("errors", JSON.createObjectNode().put(field, "value must be given")));
                }
            }
            var created = ((ObjectNode) body).deepCopy();
            created.put("id", ids.incrementAndGet());
            store.put(created.get("id").asInt(), created);
            return ok(created);
        }

        private static ObjectNode page(Collection<ObjectNode> objects) {
            var page = JSON.createObjectNode();
            var data = page.putArray("data");
            objects.forEach(data::add);
            page.put("total", objects.size());
            return page;
        }

        private ObjectNode session() {
            String id = UUID.randomUUID().toString();
            sessions.add(id);
            return JSON.createObjectNode().put("id", id);
        }

        private boolean signedIn(LoggedRequest request) {
            var session = request.getHeader("X-Metabase-Session");
            var key = request.getHeader("x-api-key");
            return (session != null && sessions.contains(session)) || API_KEY.equals(key);
        }

        List<String> dashboardNamesIn(String parent, String collection) {
            var parentId = collections.values().stream()
                    .filter(c -> c.path("name").asText().equals(parent)
                            && c.path("location").asText().equals("/"))
                    .map(c -> c.get("id").asInt())
                    .findFirst()
                    .orElseThrow();
            var collectionId = collections.values().stream()
                    .filter(c -> c.path("name").asText().equals(collection)
                            && c.path("location").asText().equals("/" + parentId + "/"))
                    .map(c -> c.get("id").asInt())
                    .findFirst()
                    .orElseThrow();
            return dashboards.values().stream()
                    .filter(d -> d.path("collection_id").asInt() == collectionId)
                    .map(d -> d.path("name").asText())
                    .toList();
        }
    }
}
