package dev.meshshop.platform.metabase;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.metabase.MetabaseProvisioner.Action;
import dev.meshshop.platform.metabase.MetabaseProvisioner.Change;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provisioner against a fake Metabase that answers as the pinned version's API reference documents: the calls
 * it makes, the bodies it sends, and that a second run creates nothing.
 */
class MetabaseProvisionerTests {

    static final MeshDatabase DATABASE = new MeshDatabase(
            MeshDatabase.NAME, "CREATE SCHEMA IF NOT EXISTS shop;\nCREATE OR REPLACE VIEW shop.sales AS SELECT 1;");

    final FakeMetabase metabase = FakeMetabase.fresh();
    final List<DashboardDefinition> dashboards =
            DashboardDefinitions.onClasspath("fixtures/", getClass().getClassLoader());

    @AfterEach
    void stop() {
        metabase.close();
    }

    @Test
    void setsUpANewMetabaseAndCreatesTheDatabaseCollectionsQuestionsAndDashboards() {
        String token = metabase.setupToken();

        var report = provision(DATABASE, dashboards);

        assertThat(withoutIds(metabase.calls()))
                .containsExactly(
                        "GET /api/session/properties",
                        "POST /api/setup",
                        "GET /api/database",
                        "POST /api/database",
                        "POST /api/database/{id}/sync_schema",
                        "GET /api/collection",
                        "POST /api/collection",
                        "POST /api/collection",
                        "GET /api/collection/{id}/items?models=card&models=dashboard",
                        "POST /api/card",
                        "POST /api/card",
                        "POST /api/card",
                        "POST /api/dashboard",
                        "PUT /api/dashboard/{id}",
                        "POST /api/collection",
                        "GET /api/collection/{id}/items?models=card&models=dashboard",
                        "POST /api/card",
                        "POST /api/dashboard",
                        "PUT /api/dashboard/{id}");
        var wireMock = metabase.wireMock();
        wireMock.verify(postRequestedFor(urlPathEqualTo("/api/setup"))
                .withRequestBody(equalToJson(
                        """
                        {"token": "%s",
                         "user": {"email": "admin@mesh-shop.test", "password": "Mesh-Shop-2025",
                                  "first_name": "Mesh", "last_name": "Shop", "site_name": "Mesh Shop"},
                         "prefs": {"site_name": "Mesh Shop", "site_locale": "en", "allow_tracking": false}}
                        """
                                .formatted(token))));
        wireMock.verify(
                postRequestedFor(urlPathEqualTo("/api/database"))
                        .withRequestBody(
                                equalToJson(
                                        """
                        {"engine": "duckdb", "name": "Mesh Shop", "is_full_sync": true,
                         "details": {"database_file": ":memory:", "read_only": false, "old_implicit_casting": false,
                                     "init_sql": "CREATE SCHEMA IF NOT EXISTS shop;\\nCREATE OR REPLACE VIEW shop.sales AS SELECT 1;"}}
                        """)));
        wireMock.verify(postRequestedFor(urlPathEqualTo("/api/collection"))
                .withRequestBody(equalToJson("{\"name\": \"Mesh Shop\"}", true, true)));
        int root = idOf("collection", "Mesh Shop");
        wireMock.verify(postRequestedFor(urlPathEqualTo("/api/collection"))
                .withRequestBody(equalToJson("{\"name\": \"shop\", \"parent_id\": " + root + "}", true, true)));
        int database = idOf("database", "Mesh Shop");
        int shop = idOf("collection", "shop");
        wireMock.verify(postRequestedFor(urlPathEqualTo("/api/card"))
                .withRequestBody(equalToJson(
                        """
                        {"name": "Sales per day", "description": "Units sold on each day.", "display": "line",
                         "type": "question", "collection_id": %d,
                         "dataset_query": {"database": %d, "type": "native",
                                           "native": {"query": "SELECT day, sum(units) AS units FROM shop.sales GROUP BY day ORDER BY day",
                                                      "template-tags": {}}},
                         "visualization_settings": {"graph.dimensions": ["day"], "graph.metrics": ["units"]}}
                        """
                                .formatted(shop, database))));
        int perDay = idOf("card", "Sales per day");
        int best = idOf("card", "Best sellers");
        int units = idOf("card", "Units sold");
        // questions flow left to right on the grid of 24 columns: 12 + 8 fit a row, the 6 wide one starts the next
        wireMock.verify(putRequestedFor(urlPathEqualTo("/api/dashboard/" + idOf("dashboard", "Shop sales")))
                .withRequestBody(equalToJson(
                        """
                        {"description": "What the shop sold, day by day.", "tabs": [],
                         "dashcards": [
                           {"id": -1, "card_id": %d, "row": 0, "col": 0, "size_x": 12, "size_y": 6,
                            "parameter_mappings": [], "series": [], "visualization_settings": {}},
                           {"id": -2, "card_id": %d, "row": 0, "col": 12, "size_x": 8, "size_y": 4,
                            "parameter_mappings": [], "series": [], "visualization_settings": {}},
                           {"id": -3, "card_id": %d, "row": 6, "col": 0, "size_x": 6, "size_y": 3,
                            "parameter_mappings": [], "series": [], "visualization_settings": {}}]}
                        """
                                .formatted(perDay, best, units))));
        assertThat(metabase.dashboardsIn("Mesh Shop", "shop")).containsExactly("Shop sales");
        assertThat(metabase.dashboardsIn("Mesh Shop", "stock")).containsExactly("Stock");
        assertThat(report.with(Action.CREATED)).hasSize(10);
        assertThat(report.with(Action.UNCHANGED)).isEmpty();
    }

    @Test
    void aSecondRunFindsEverythingByNameAndCreatesOrChangesNothing() {
        provision(DATABASE, dashboards);
        metabase.resetJournal();

        var report = provision(DATABASE, dashboards);

        assertThat(metabase.creations()).isEmpty();
        assertThat(metabase.calls()).noneMatch(call -> call.startsWith("PUT "));
        // signing in and asking for a sync change nothing one can see
        assertThat(metabase.calls())
                .filteredOn(call -> call.startsWith("POST "))
                .containsExactly(
                        "POST /api/session", "POST /api/database/" + idOf("database", "Mesh Shop") + "/sync_schema");
        assertThat(report.changes()).allMatch(change -> change.action() == Action.UNCHANGED);
        assertThat(report.changes()).hasSize(10);
    }

    @Test
    void aChangedQuestionIsUpdatedInPlaceAndItsDashboardKeepsIt() {
        provision(DATABASE, dashboards);
        metabase.resetJournal();
        var changed = new ArrayList<>(dashboards);
        var sales = changed.get(0);
        var questions = new ArrayList<>(sales.questions());
        var perDay = questions.get(0);
        questions.set(
                0,
                new DashboardDefinition.Question(
                        perDay.name(),
                        perDay.description(),
                        "bar",
                        "SELECT day, sum(units) AS units FROM shop.sales WHERE units > 0 GROUP BY day ORDER BY day",
                        perDay.x(),
                        perDay.y(),
                        perDay.width(),
                        perDay.height()));
        changed.set(
                0,
                new DashboardDefinition(sales.domain(), sales.name(), sales.description(), questions, sales.source()));

        var report = provision(DATABASE, changed);

        assertThat(metabase.creations()).isEmpty();
        assertThat(withoutIds(metabase.calls()))
                .filteredOn(call -> call.startsWith("PUT "))
                .containsExactly("PUT /api/card/{id}");
        assertThat(metabase.sqlOf("Sales per day")).contains("WHERE units > 0");
        assertThat(report.with(Action.UPDATED))
                .containsExactly(new Change("question", "Sales per day", Action.UPDATED));
    }

    @Test
    void aNewQuestionIsAddedBesideTheDashcardsThatAreThere() {
        provision(DATABASE, dashboards);
        var dashcardsBefore = metabase.dashcardIds("Stock");
        metabase.resetJournal();
        var stock = dashboards.get(1);
        var questions = new ArrayList<>(stock.questions());
        questions.add(new DashboardDefinition.Question(
                "Articles",
                null,
                "scalar",
                "SELECT count(DISTINCT sku) AS articles FROM shop.sales",
                null,
                null,
                6,
                3));
        var grown = List.of(
                dashboards.get(0),
                new DashboardDefinition(stock.domain(), stock.name(), stock.description(), questions, stock.source()));

        provision(DATABASE, grown);

        assertThat(metabase.creations()).containsExactly("POST /api/card");
        // the dashcard that was there keeps its id, so Metabase keeps it; the new one gets a negative id
        assertThat(dashcardsBefore).hasSize(1);
        metabase.wireMock()
                .verify(putRequestedFor(urlPathEqualTo("/api/dashboard/" + idOf("dashboard", "Stock")))
                        .withRequestBody(equalToJson(
                                """
                                {"dashcards": [
                                  {"id": %d, "card_id": %d, "row": 0, "col": 0, "size_x": 6, "size_y": 3},
                                  {"id": -1, "card_id": %d, "row": 0, "col": 6, "size_x": 6, "size_y": 3}]}
                                """
                                        .formatted(
                                                dashcardsBefore.get(0),
                                                idOf("card", "Units in stock"),
                                                idOf("card", "Articles")),
                                false,
                                true)));
        assertThat(metabase.dashcardIds("Stock")).hasSize(2).startsWith(dashcardsBefore.get(0));
    }

    @Test
    void aChangedInitSqlUpdatesTheDatabase() {
        provision(DATABASE, dashboards);
        metabase.resetJournal();
        var more = new MeshDatabase(
                MeshDatabase.NAME, DATABASE.initSql() + "\nCREATE OR REPLACE VIEW shop.more AS SELECT 2;");

        provision(more, dashboards);

        assertThat(metabase.creations()).isEmpty();
        metabase.wireMock()
                .verify(
                        1,
                        putRequestedFor(urlPathMatching("/api/database/\\d+"))
                                .withRequestBody(equalToJson(
                                        "{\"details\": {\"init_sql\": " + json(more.initSql()) + "}}", true, true)));
    }

    @Test
    void aDatabaseOfTheSameNameOnAnotherEngineStopsProvisioningWithAClearMessage() {
        var signedIn = MetabaseClient.to(metabase.admin()).signIn();
        signedIn.createDatabase(new MetabaseApi.DatabaseRequest(
                "postgres", MeshDatabase.NAME, new MetabaseApi.DuckDbDetails(null, false, false, null), true));

        assertThatThrownBy(() -> new MetabaseProvisioner(signedIn).provision(DATABASE, dashboards))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database 'Mesh Shop' on engine postgres, not duckdb");
        assertThat(metabase.creations()).containsExactly("POST /api/database");
    }

    @Test
    void aQuestionNameUsedTwiceInADomainStopsProvisioningBeforeAnyCall() {
        var sales = dashboards.get(0);
        var again = new DashboardDefinition(
                sales.domain(),
                "Shop sales again",
                null,
                sales.questions().subList(0, 1),
                "mesh/shop/dashboards/again.yaml");

        assertThatThrownBy(() -> provision(DATABASE, List.of(sales, again)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("question 'Sales per day' of shop in mesh/shop/dashboards/sales.yaml and"
                        + " mesh/shop/dashboards/again.yaml");
        assertThat(metabase.calls()).noneMatch(call -> call.contains("/api/database") || call.contains("/api/card"));
    }

    private MetabaseProvisioner.Report provision(MeshDatabase database, List<DashboardDefinition> definitions) {
        return new MetabaseProvisioner(MetabaseClient.to(metabase.admin()).signIn()).provision(database, definitions);
    }

    /** The id Metabase gave the object of this kind and name, read from the answer to the call that created it. */
    private int idOf(String kind, String name) {
        return metabase.createdId(kind, name);
    }

    private static List<String> withoutIds(List<String> calls) {
        return calls.stream().map(call -> call.replaceAll("/\\d+", "/{id}")).toList();
    }

    private static String json(String text) {
        try {
            return MetabaseClient.JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
