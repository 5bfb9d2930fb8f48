package dev.meshshop.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.storage.MeshLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The access API knows who calls: no credentials or a bad token is 401, a token of one domain acting as another is
 * 403, an owner's decision needs the owner's credentials, nothing is granted to a domain that does not exist, and
 * the usage audit shows a domain only what concerns it.
 */
@SpringBootTest(classes = MeshWebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessIdentityTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    @Autowired
    RSAKey signingKey;

    ApiCalls api;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void publishOrders() {
        PublishedOrders.publish(new MeshLayout(dataDir));
    }

    @BeforeEach
    void connect() {
        api = new ApiCalls(port, identities);
    }

    @Test
    void withoutCredentialsOrWithATamperedOrExpiredTokenEveryRouteIs401() throws Exception {
        String tampered = Tokens.tampered(api.tokens().token("search"));
        String expired = Tokens.expired(signingKey, "search");
        for (String path : List.of("/api/access/requests", "/api/access/grants?consumer=search", "/api/access/usage")) {
            api.assertProblem(api.get(path, null), 401, "oauth2/token");
            api.assertProblem(send(get(path).header("Authorization", "Bearer " + tampered)), 401, "refused");
            api.assertProblem(send(get(path).header("Authorization", "Bearer " + expired)), 401, "expired");
        }
        api.assertProblem(
                send(post("/api/access/requests", request("search")).header("Authorization", "Bearer " + tampered)),
                401,
                "refused");
    }

    @Test
    void aTokenOfOneDomainActingAsAnotherIs403() throws Exception {
        api.assertProblem(api.post("/api/access/requests", "search", request("payment")), 403, "Only domain payment");
        api.assertProblem(
                send(post("/api/access/requests", request("payment"))
                        .header("Authorization", api.tokens().bearer("search"))
                        .header(Callers.ACT_AS_HEADER, "payment")),
                403,
                "acts only for its own domain");
        api.assertProblem(
                api.post("/api/access/requests", MeshIdentities.PLATFORM, request("payment")),
                403,
                "acts for no domain");
    }

    @Test
    void aMemberOfAnotherDomainCannotDecideOnTheOwnersProduct() {
        var created = api.post("/api/access/requests", "customer360", request("customer360"));
        String id = api.json(created).path("id").asText();

        api.assertProblem(api.post("/api/access/requests/" + id + "/approve", "customer360", ""), 403, "Only checkout");
        api.assertProblem(api.post("/api/access/requests/" + id + "/approve", "fulfillment", ""), 403, "Only checkout");
        assertThat(api.json(api.get("/api/access/requests/" + id)).path("state").asText())
                .isEqualTo("pending");
        assertThat(api.post("/api/access/requests/" + id + "/approve", "checkout", "")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void nothingIsGrantedToADomainThatDoesNotExist() {
        api.assertProblem(
                api.post("/api/access/requests", "search", request("ghost")), 403, "not a domain of this mesh");
        // A request for a ghost written before the mesh knew its domains, as an old log holds it:
        var unchecked = new AccessRequests(
                new MeshLayout(dataDir), new RestrictedColumns(List.of()), Clock.systemUTC(), domain -> true);
        String id =
                unchecked.request("ghost", "ghost", "checkout.orders", "haunt").id();

        api.assertProblem(api.post("/api/access/requests/" + id + "/approve", "checkout", ""), 403, "does not exist");
        assertThat(api.json(api.get("/api/access/grants?consumer=ghost"))).isEmpty();
    }

    @Test
    void theUsageAuditShowsADomainItsOwnReadsAndTheReadsOfItsProductsOnly() {
        var usage = new UsageLog(new MeshLayout(dataDir), 100);
        usage.record(read("search", "checkout.orders", "SELECT 'search reads orders'"));
        usage.record(read("payment", "fulfillment.shipments", "SELECT 'payment reads shipments'"));

        assertThat(sqlSeenBy("search"))
                .contains("SELECT 'search reads orders'")
                .doesNotContain("SELECT 'payment reads shipments'");
        assertThat(sqlSeenBy("checkout"))
                .contains("SELECT 'search reads orders'")
                .doesNotContain("SELECT 'payment reads shipments'");
        assertThat(sqlSeenBy("fulfillment"))
                .contains("SELECT 'payment reads shipments'")
                .doesNotContain("SELECT 'search reads orders'");
        assertThat(sqlSeenBy(MeshIdentities.PLATFORM))
                .contains("SELECT 'search reads orders'", "SELECT 'payment reads shipments'");
    }

    private List<String> sqlSeenBy(String who) {
        return api.json(api.get("/api/access/usage", who)).findValuesAsText("sql");
    }

    private static Usage read(String consumer, String product, String sql) {
        return new Usage(consumer, List.of(product), Instant.now(), 1, 1, Usage.Outcome.OK, null, "http", sql);
    }

    private static String request(String consumer) {
        return "{\"consumer\":\"" + consumer + "\",\"product\":\"checkout.orders\",\"purpose\":\"know the orders\"}";
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private HttpRequest.Builder post(String path, String body) {
        return get(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
