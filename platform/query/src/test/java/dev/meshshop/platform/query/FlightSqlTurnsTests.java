package dev.meshshop.platform.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.access.ApiCalls;
import dev.meshshop.platform.access.MeshWebApplication;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Flight SQL client that prepares a statement and never fetches it cannot keep its turn: at the query timeout the
 * statement is closed and the turn goes to the next query, over any route; the prepared statement runs again when it
 * is executed.
 */
@SpringBootTest(
        classes = MeshWebApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mesh.query.flight.port=0",
            "mesh.query.concurrency=1",
            "mesh.query.timeout=3s",
            "mesh.query.max-wait=500ms"
        })
class FlightSqlTurnsTests {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    FlightSqlServer flight;

    @Autowired
    MeshIdentities identities;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void publish() {
        ShopProducts.publish(new MeshLayout(dataDir));
    }

    @Test
    void aStatementPreparedAndNeverFetchedGivesItsTurnBackAtTheTimeout() throws Exception {
        var api = new ApiCalls(port, identities);
        String count = "{\"sql\": \"SELECT count(*) AS orders FROM checkout.orders\"}";
        try (var connection = DriverManager.getConnection(
                        "jdbc:arrow-flight-sql://localhost:" + flight.port() + "?useEncryption=false",
                        "checkout",
                        identities.password("checkout"));
                var prepared = connection.prepareStatement("SELECT count(*) AS orders FROM checkout.orders")) {
            // preparing runs the statement: it holds the only turn until its rows are fetched
            api.assertProblem(api.post("/api/query", "checkout", count), 503, "mesh.query.concurrency");

            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.post("/api/query", "checkout", count).statusCode() == 200);

            try (var rows = prepared.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(3);
            }
        }
    }
}
