package dev.meshshop.platform.metabase;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.meshshop.platform.metabase.MetabaseApi.CardRequest;
import dev.meshshop.platform.metabase.MetabaseApi.NativeQuery;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the client signs in, and what it does when Metabase fails: a clear message for every failure, and a second
 * try only for calls that are safe to repeat.
 */
class MetabaseClientTests {

    final FakeMetabase metabase = FakeMetabase.setUp();

    @AfterEach
    void stop() {
        metabase.close();
    }

    MetabaseClient client() {
        return MetabaseClient.to(metabase.admin().withRetries(3, Duration.ofMillis(10)))
                .signIn();
    }

    @Test
    void signsInToAMetabaseThatIsSetUpAndSendsItsSessionWithEveryCall() {
        var client = client();

        assertThat(client.databases()).isEmpty();

        assertThat(metabase.calls())
                .containsExactly("GET /api/session/properties", "POST /api/session", "GET /api/database");
        metabase.wireMock()
                .verify(postRequestedFor(urlPathEqualTo("/api/session"))
                        .withRequestBody(equalToJson(
                                "{\"username\": \"admin@mesh-shop.test\", \"password\": \"Mesh-Shop-2025\"}")));
        String session = metabase.requests().get(2).getHeader("X-Metabase-Session");
        assertThat(session).isNotBlank();
        metabase.wireMock()
                .verify(getRequestedFor(urlPathEqualTo("/api/database"))
                        .withHeader("X-Metabase-Session", equalTo(session)));
    }

    @Test
    void withAnApiKeyItNeitherSetsUpNorSignsIn() {
        var client = MetabaseClient.to(metabase.admin().withApiKey(FakeMetabase.API_KEY))
                .signIn();

        assertThat(client.collections())
                .extracting(MetabaseApi.Collection::name)
                .contains("Our analytics");

        assertThat(metabase.calls()).containsExactly("GET /api/collection");
        metabase.wireMock()
                .verify(getRequestedFor(urlPathEqualTo("/api/collection"))
                        .withHeader("x-api-key", equalTo(FakeMetabase.API_KEY)));
    }

    @Test
    void aWrongPasswordSaysWhatToCheckAndIsNotTriedAgain() {
        var wrong = MetabaseConnection.asAdmin(metabase.url(), FakeMetabase.ADMIN_EMAIL, "not-the-password");

        assertThatThrownBy(() -> MetabaseClient.to(wrong).signIn())
                .isInstanceOfSatisfying(
                        MetabaseException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Metabase refused to sign in POST " + metabase.url() + "/api/session")
                .hasMessageContaining("did not match stored password")
                .hasMessageContaining("check the admin's e-mail and password or the API key");
        assertThat(metabase.calls()).containsExactly("GET /api/session/properties", "POST /api/session");
    }

    @Test
    void aCallWithoutValidCredentialsIsAnsweredWith401AndSaysSo() {
        var key = MetabaseClient.to(metabase.admin().withApiKey("mb_revoked")).signIn();

        assertThatThrownBy(key::databases)
                .isInstanceOf(MetabaseException.class)
                .hasMessageContaining(
                        "refused to sign in GET " + metabase.url() + "/api/database (401 Unauthenticated)");
        assertThat(metabase.calls()).containsExactly("GET /api/database");
    }

    @Test
    void anObjectThatIsNotThereNamesTheCallAndAsksAboutTheVersion() {
        var client = client();

        assertThatThrownBy(() -> client.dashboard(4242))
                .isInstanceOfSatisfying(
                        MetabaseException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("Metabase has no GET " + metabase.url() + "/api/dashboard/4242 (404 Not found.)")
                .hasMessageContaining("a Metabase of the version pinned in .env");
        assertThat(metabase.calls()).filteredOn(call -> call.contains("4242")).hasSize(1);
    }

    @Test
    void aReadThatFailsOnceIsTriedAgainAndSucceeds() {
        var client = client();
        metabase.wireMock()
                .stubFor(get(urlPathEqualTo("/api/database"))
                        .inScenario("flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(serverError().withBody("{\"message\": \"Connection pool exhausted\"}"))
                        .willSetStateTo("recovered"));

        assertThat(client.databases()).isEmpty();

        assertThat(metabase.times("GET /api/database")).isEqualTo(2);
    }

    @Test
    void aReadThatKeepsFailingGivesUpAfterItsAttemptsWithMetabasesMessage() {
        var client = client();
        metabase.wireMock()
                .stubFor(get(urlPathEqualTo("/api/database"))
                        .willReturn(serverError().withBody("{\"message\": \"Connection pool exhausted\"}")));

        assertThatThrownBy(client::databases)
                .isInstanceOfSatisfying(
                        MetabaseException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessage("Metabase failed on GET " + metabase.url()
                        + "/api/database (500 Connection pool exhausted) 3 times");
        assertThat(metabase.times("GET /api/database")).isEqualTo(3);
    }

    @Test
    void aPutThatFailsOnceIsTriedAgain() {
        var client = client();
        metabase.wireMock()
                .stubFor(put(urlPathEqualTo("/api/card/7"))
                        .inScenario("flaky put")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(aResponse().withStatus(503))
                        .willSetStateTo("up"));
        metabase.wireMock()
                .stubFor(put(urlPathEqualTo("/api/card/7"))
                        .inScenario("flaky put")
                        .whenScenarioStateIs("up")
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody("{\"id\": 7, \"name\": \"Orders\"}")));

        assertThat(client.updateCard(7, card()).name()).isEqualTo("Orders");

        assertThat(metabase.times("PUT /api/card/7")).isEqualTo(2);
    }

    @Test
    void aPostThatFailsIsNotTriedAgainBecauseItMightHaveCreatedSomething() {
        var client = client();
        metabase.wireMock()
                .stubFor(post(urlPathEqualTo("/api/card"))
                        .willReturn(serverError().withBody("{\"message\": \"Lock wait timeout\"}")));

        assertThatThrownBy(() -> client.createCard(card()))
                .isInstanceOf(MetabaseException.class)
                .hasMessageContaining("Metabase failed on POST " + metabase.url() + "/api/card (500 Lock wait timeout)")
                .hasMessageContaining("not tried again, because a POST creates something");
        assertThat(metabase.times("POST /api/card")).isEqualTo(1);
    }

    @Test
    void aReadThatTimesOutIsTriedAgainThenSaysHowLongItWaited() {
        var client = MetabaseClient.to(
                        metabase.admin().withTimeout(Duration.ofMillis(300)).withRetries(2, Duration.ofMillis(10)))
                .signIn();
        metabase.wireMock()
                .stubFor(get(urlPathEqualTo("/api/collection"))
                        .willReturn(aResponse().withFixedDelay(2_000).withBody("[]")));

        assertThatThrownBy(client::collections)
                .isInstanceOfSatisfying(
                        MetabaseException.class, e -> assertThat(e.status()).isZero())
                .hasMessage("Metabase did not answer GET " + metabase.url()
                        + "/api/collection within 300 ms (tried 2 times): is it still starting, or overloaded?");
        assertThat(metabase.times("GET /api/collection")).isEqualTo(2);
    }

    @Test
    void aPostThatTimesOutIsNotTriedAgain() {
        var client = MetabaseClient.to(
                        metabase.admin().withTimeout(Duration.ofMillis(300)).withRetries(3, Duration.ofMillis(10)))
                .signIn();
        metabase.wireMock()
                .stubFor(post(urlPathEqualTo("/api/dashboard"))
                        .willReturn(aResponse().withFixedDelay(2_000).withBody("{}")));

        assertThatThrownBy(() -> client.createDashboard(new MetabaseApi.DashboardRequest("Orders", null, 1)))
                .isInstanceOf(MetabaseException.class)
                .hasMessage("Metabase did not answer POST " + metabase.url()
                        + "/api/dashboard within 300 ms: is it still starting, or overloaded?");
        assertThat(metabase.times("POST /api/dashboard")).isEqualTo(1);
    }

    @Test
    void aMetabaseThatIsNotRunningIsNamedInTheMessage() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var nowhere = MetabaseConnection.asAdmin(URI.create("http://localhost:" + port), "a@b.test", "secret-1")
                .withRetries(2, Duration.ofMillis(10));

        assertThatThrownBy(() -> MetabaseClient.to(nowhere).sessionProperties())
                .isInstanceOf(MetabaseException.class)
                .hasMessageStartingWith("Cannot reach Metabase for GET http://localhost:" + port
                        + "/api/session/properties (tried 2 times)")
                .hasMessageEndingWith("Is it running at http://localhost:" + port + "?");
    }

    @Test
    void theSqlOfACardIsReadFromTheLegacyFormItAsksForAndFromMbql5() throws Exception {
        var client = client();
        var created = client.createCard(card());

        assertThat(client.card(created.id()).nativeSql()).isEqualTo("SELECT count(*) FROM checkout.orders");
        metabase.wireMock()
                .verify(getRequestedFor(urlPathEqualTo("/api/card/" + created.id()))
                        .withQueryParam("legacy-mbql", equalTo("true")));
        // Metabase 0.57 and later answer with MBQL 5 when not asked for the legacy form
        var mbql5 = MetabaseClient.JSON.readValue(
                """
                {"id": 3, "name": "Orders", "dataset_query": {"lib/type": "mbql/query", "database": 1,
                 "stages": [{"lib/type": "mbql.stage/native", "native": "SELECT 1"}]}}
                """,
                MetabaseApi.Card.class);
        assertThat(mbql5.nativeSql()).isEqualTo("SELECT 1");
        assertThat(mbql5.databaseId()).isEqualTo(1);
    }

    private static CardRequest card() {
        return new CardRequest(
                "Orders",
                null,
                "scalar",
                "question",
                null,
                NativeQuery.of(1, "SELECT count(*) FROM checkout.orders"),
                Map.of());
    }
}
