package dev.meshshop.platform.metabase;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The requests and answers of Metabase's REST API that Mesh Shop uses, as the API reference of the Metabase version
 * pinned in {@code .env} documents them (see docs/adr/0008). On the wire the field names are Metabase's snake case;
 * answers carry many more fields than these, which the client ignores.
 */
public final class MetabaseApi {

    private MetabaseApi() {}

    /**
     * {@code GET /api/session/properties}: public settings. Until the first admin exists, they hold the token that
     * {@code POST /api/setup} needs.
     */
    public record SessionProperties(
            @JsonProperty("setup-token") String setupToken,
            @JsonProperty("has-user-setup") boolean hasUserSetup) {}

    /** {@code POST /api/setup}: creates the first admin and signs them in. */
    public record Setup(String token, SetupUser user, SetupPrefs prefs) {}

    public record SetupUser(String email, String password, String firstName, String lastName, String siteName) {}

    public record SetupPrefs(String siteName, String siteLocale, boolean allowTracking) {}

    /** {@code POST /api/session}: signs in with e-mail and password. */
    public record Login(String username, String password) {}

    /** What setup and sign-in answer: the session's id, sent back in the {@code X-Metabase-Session} header. */
    public record Session(String id) {}

    /** Lists such as {@code GET /api/database} answer {@code {"data": [...]}}. */
    public record Page<T>(List<T> data) {}

    /** A database connection; {@code details} are the DuckDB driver's when the engine is {@code duckdb}. */
    public record Database(int id, String name, String engine, DuckDbDetails details) {}

    /** {@code POST /api/database} and {@code PUT /api/database/{id}}. */
    public record DatabaseRequest(String engine, String name, DuckDbDetails details, boolean isFullSync) {}

    /**
     * The connection details of the community DuckDB driver: {@code database_file} is a file or {@code :memory:};
     * {@code init_sql} runs on every new DuckDB instance the driver opens.
     */
    public record DuckDbDetails(String databaseFile, boolean readOnly, boolean oldImplicitCasting, String initSql) {}

    /** A collection; the root collection's id is the text {@code root}, so ids are read as text. */
    public record Collection(String id, String name, String location, boolean archived, Integer personalOwnerId) {

        /** Whether this is a collection at the top level, not inside another one nor anyone's personal one. */
        public boolean topLevel() {
            return "/".equals(location) && personalOwnerId == null && !archived;
        }

        /** Whether this collection lies directly inside the collection with id {@code parent}. */
        public boolean inside(int parent) {
            return ("/" + parent + "/").equals(location) && !archived;
        }

        public int numericId() {
            return Integer.parseInt(id);
        }
    }

    /** {@code POST /api/collection}; {@code parentId} null puts it at the top level. */
    public record CollectionRequest(String name, String description, Integer parentId) {}

    /** One entry of {@code GET /api/collection/{id}/items}: {@code model} is {@code card}, {@code dashboard}, ... */
    public record CollectionItem(int id, String name, String model) {}

    /**
     * A saved question. Since Metabase 0.57 {@code dataset_query} comes back as MBQL 5 unless asked for the legacy
     * form, so {@link #nativeSql()} reads the SQL from either.
     */
    public record Card(
            int id,
            String name,
            String description,
            String display,
            Integer collectionId,
            JsonNode datasetQuery,
            Map<String, Object> visualizationSettings) {

        public String nativeSql() {
            if (datasetQuery == null) {
                return null;
            }
            var legacy = datasetQuery.path("native").path("query");
            if (legacy.isTextual()) {
                return legacy.asText();
            }
            var stage = datasetQuery.path("stages").path(0).path("native");
            return stage.isTextual() ? stage.asText() : null;
        }

        public Integer databaseId() {
            var database = datasetQuery == null ? null : datasetQuery.get("database");
            return database != null && database.canConvertToInt() ? database.asInt() : null;
        }
    }

    /** {@code POST /api/card} and {@code PUT /api/card/{id}}: a question written in SQL. */
    public record CardRequest(
            String name,
            String description,
            String display,
            String type,
            Integer collectionId,
            NativeQuery datasetQuery,
            Map<String, Object> visualizationSettings) {}

    /** A native query in the form Metabase accepts on every version since MBQL 5 (it converts it on save). */
    public record NativeQuery(
            int database,
            String type,
            @JsonProperty("native") NativeSql sql) {

        public static NativeQuery of(int database, String sql) {
            return new NativeQuery(database, "native", new NativeSql(sql, Map.of()));
        }
    }

    public record NativeSql(
            String query, @JsonProperty("template-tags") Map<String, Object> templateTags) {}

    /** {@code POST /api/dashboard}: an empty dashboard; its cards come with {@code PUT /api/dashboard/{id}}. */
    public record DashboardRequest(String name, String description, int collectionId) {}

    /** {@code GET /api/dashboard/{id}} */
    public record Dashboard(int id, String name, String description, Integer collectionId, List<Dashcard> dashcards) {}

    /** A card placed on a dashboard's grid, which is 24 columns wide. */
    public record Dashcard(int id, Integer cardId, int row, int col, int sizeX, int sizeY) {}

    /**
     * {@code PUT /api/dashboard/{id}} with the dashboard's complete set of cards: a dashcard with a negative id is
     * created, one with an existing id kept or moved, and an existing one left out is removed.
     */
    public record DashboardUpdate(String description, List<DashcardRequest> dashcards, List<Tab> tabs) {}

    public record DashcardRequest(
            int id,
            int cardId,
            int row,
            int col,
            int sizeX,
            int sizeY,
            List<Object> parameterMappings,
            List<Object> series,
            Map<String, Object> visualizationSettings) {

        /** A card placed at {@code row} and {@code col}, with no parameters, series or settings of its own. */
        public static DashcardRequest placed(int cardId, int row, int col, int sizeX, int sizeY) {
            return new DashcardRequest(0, cardId, row, col, sizeX, sizeY, List.of(), List.of(), Map.of());
        }

        public DashcardRequest withId(int id) {
            return new DashcardRequest(
                    id, cardId, row, col, sizeX, sizeY, parameterMappings, series, visualizationSettings);
        }
    }

    public record Tab(int id, String name) {}
}
