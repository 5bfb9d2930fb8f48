package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every entry point of the embedded mesh checks who calls, the same way: the catalog's, the access and the query
 * APIs, who-am-I and the metrics answer a call without credentials, with an expired or a tampered token 401, and a
 * token of one domain naming another 403, each as a problem. (Flight SQL's refusals are platform/query's
 * FlightSqlTests: a wrong password, an unknown user, another domain's token, the platform.)
 */
@EmbeddedMeshTest
class EntryPointsIdentityTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call of each entry point: method, path, body. */
    static final List<String[]> ENTRY_POINTS = List.of(
            new String[] {"GET", "/api/products", null},
            new String[] {"GET", "/api/products/checkout.orders/operations", null},
            new String[] {"GET", "/api/mesh/graph", null},
            new String[] {"GET", "/api/access/requests", null},
            new String[] {
                "POST",
                "/api/access/requests",
                "{\"consumer\":\"search\",\"product\":\"payment.payments\",\"purpose\":\"entry points\"}"
            },
            new String[] {"POST", "/api/query", "{\"sql\":\"SELECT count(*) FROM checkout.orders\"}"},
            new String[] {"GET", "/api/me", null},
            new String[] {"GET", "/actuator/prometheus", null});

    @LocalServerPort
    int port;

    @Autowired
    MeshIdentities identities;

    @Autowired
    RSAKey signingKey;

    @Test
    void everyEntryPointRefusesMissingExpiredAndTamperedCredentialsAndADomainActingAsAnother() throws Exception {
        var tokens = new Tokens(port, identities);
        String search = tokens.token("search");
        for (String[] call : ENTRY_POINTS) {
            String what = call[0] + " " + call[1];
            assertProblem(send(call, null, null), 401, what + " without credentials");
            assertProblem(send(call, "Bearer " + Tokens.expired(signingKey, "search"), null), 401, what + " expired");
            assertProblem(send(call, "Bearer " + Tokens.tampered(search), null), 401, what + " tampered");
            assertProblem(send(call, "Bearer " + search, "checkout"), 403, what + " as search naming checkout");
            assertThat(send(call, "Bearer " + search, null).statusCode())
                    .as(what + " with search's token")
                    .isNotIn(401, 403);
        }
    }

    private HttpResponse<String> send(String[] call, String authorization, String actAs) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + call[1]))
                .method(
                        call[0],
                        call[2] == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(call[2]))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (actAs != null) {
            request.header(Callers.ACT_AS_HEADER, actAs);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String what) throws Exception {
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("status").asInt()).as(what).isEqualTo(status);
    }
}
