package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lab 3.3 in the workshop's mesh, with the grant lab 3.2 made: the lab's query, saved as the file the lab names and
 * sent with the lab's own curl command, answers what the lab states, and the same query acting as search is
 * refused. The grant is taken with lab 3.2's commands and given back after ({@link RequestAccess#grant()}), so the
 * lab mesh is left as it started, whatever runs next.
 */
@LabMesh
class JoinLabTests {

    static final Lab LAB = Lab.read("3-3-join.md");

    static final String QUERY = "late-deliveries-and-refunds";

    @Autowired
    FilledMesh mesh;

    @Test
    void theLabsCommandAnswersWhatTheLabStatesAndSearchIsRefused() throws Exception {
        var api = mesh.api();
        var send = Curl.parse(LAB.block("bash", "send-late-sql"), Map.of("late.sql", LAB.block("sql", QUERY)));
        assertThat(send.identity())
                .as("lab 3.3 step 2 acts as the lab's domain")
                .isEqualTo(LAB.sqlRunsIn().domain());

        try (var grant = new RequestAccess(api).grant()) {
            var answer = api.send(send);
            LAB.assertShows(QUERY, MeshApi.table(answer, "lab 3.3 step 2"));
            assertThat(LAB.text())
                    .as("lab 3.3 step 2 shows the answer's row count")
                    .contains("\"rowCount\": " + answer.json().path("rowCount").asInt() + ",");

            var asSearch = api.send(send.as("search"));
            assertThat(asSearch.status()).as("lab 3.3 step 3: %s", asSearch).isEqualTo(403);
            assertThat(asSearch.json().path("title").asText()).isEqualTo("Not granted");
            assertThat(asSearch.json().path("detail").asText())
                    .as("lab 3.3 step 3: search was granted neither product")
                    .contains("search is not granted fulfillment.shipments", "search is not granted payment.payments");
        }
    }
}
