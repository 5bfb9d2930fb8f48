package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.storage.ProductId;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Lab 3.2 in the workshop's mesh, as a participant does it: every call is the lab's own curl command (its named
 * blocks), made in the lab's order against the running launcher's access and query services, and every outcome its
 * "What you will see" states is checked against what the mesh answers: the statuses, titles and states the lab
 * names must be the ones answered.
 *
 * <p>It ends with the lab's solution, the owner's revoke, and checks that reads stop. So it leaves the lab mesh as
 * it found it, fulfillment without payment.payments: the lab tests share one running mesh, and lab 3.3's test takes
 * the same grant and gives it back ({@link RequestAccess#grant()}), so neither depends on the order they run in.
 */
@LabMesh
class AccessLabTests {

    static final Lab LAB = RequestAccess.LAB;

    @Autowired
    FilledMesh mesh;

    @Autowired
    AccessRequests access;

    @Test
    void fulfillmentIsRefusedRequestsIsApprovedByPaymentQueriesAndIsRevokedAsTheLabSays() throws Exception {
        var api = mesh.api();
        var tryToRead = RequestAccess.call("try-to-read");
        var request = RequestAccess.call("request");
        var asked = MeshApi.JSON.readTree(request.body());
        String consumer = asked.path("consumer").asText();
        var product = ProductId.parse(asked.path("product").asText());
        String sql = MeshApi.JSON.readTree(tryToRead.body()).path("sql").asText();
        assertThat(tryToRead.identity())
                .as("lab 3.2: step 1 reads as the consumer of step 2")
                .isEqualTo(consumer);
        var usageFrom = Instant.now();

        // before step 1: what fulfillment reads by its input ports' standing agreements, as step 1 explains
        assertThat(grants(api))
                .as("lab 3.2 step 1: fulfillment's grants at start")
                .contains("checkout.orders");
        assertThat(grants(api))
                .as("lab 3.2 step 1: fulfillment's grants at start")
                .doesNotContain(product.toString());

        var refused = api.send(tryToRead);
        assertStated("step 1", refused.status(), refused.json().path("title").asText());
        assertThat(refused.status()).as("lab 3.2 step 1: %s", refused).isEqualTo(403);
        assertThat(refused.json().path("detail").asText())
                .as("lab 3.2 step 1: the detail says which request to make and who approves it")
                .contains(request.method() + " " + request.path(), "\"consumer\":\"" + consumer + "\"")
                .contains("\"product\":\"" + product + "\"", access.ownerTeam(product) + " approves");

        var requested = api.send(request);
        assertThat(requested.status()).as("lab 3.2 step 2: %s", requested).isEqualTo(201);
        var grant = new RequestAccess.Grant(api, requested.json().path("id").asText());
        try {
            var pending = requested.json();
            assertStated("step 2", requested.status(), pending.path("state").asText());
            assertThat(pending.path("history"))
                    .as("lab 3.2 step 2: the history")
                    .hasSize(1);
            var filed = pending.path("history").path(0);
            assertThat(filed.path("state").asText())
                    .isEqualTo(pending.path("state").asText());
            assertThat(filed.path("actor").asText())
                    .as("lab 3.2 step 2: filed by")
                    .isEqualTo(consumer);
            assertThat(LAB.seen("step 2"))
                    .contains("\"state\": \"" + filed.path("state").asText() + "\", \"actor\": \"" + consumer + "\"");

            var waiting = api.send(RequestAccess.call("waiting")).json();
            assertThat(waiting.findValuesAsText("id"))
                    .as("lab 3.2 step 3: what waits")
                    .contains(grant.id());
            waiting.forEach(waits -> assertStated("step 3", waits.path("state").asText()));

            var approve = RequestAccess.call("approve", grant.id());
            var notTheOwner = api.send(approve.as(consumer));
            assertThat(notTheOwner.status())
                    .as("lab 3.2 step 3, as %s: %s", consumer, notTheOwner)
                    .isEqualTo(403);
            assertStated(
                    "step 3",
                    notTheOwner.status(),
                    notTheOwner.json().path("title").asText());

            var approved = api.send(approve);
            assertThat(approved.status()).as("lab 3.2 step 3: %s", approved).isEqualTo(200);
            assertStated(
                    "step 3", approved.status(), approved.json().path("state").asText());
            var history = approved.json().path("history");
            assertThat(history).as("lab 3.2 step 3: the history").hasSize(2);
            assertThat(history.path(1).path("actor").asText()).isEqualTo(approve.identity());
            assertThat(history.path(1).path("reason").asText())
                    .as("lab 3.2 step 3: the reason given")
                    .isEqualTo(
                            MeshApi.JSON.readTree(approve.body()).path("reason").asText());

            var answered = MeshApi.table(api.send(tryToRead), "lab 3.2 step 4");
            assertThat(answered.rows()).as("lab 3.2 step 4: one row").hasSize(1);
            assertThat(Long.parseLong(answered.rows().get(0).get(0)))
                    .as("lab 3.2 step 4: the number of payments")
                    .isEqualTo(rowsPublished(product));
            assertThat(grants(api)).as("lab 3.2 step 4: the grants").contains(product.toString(), "checkout.orders");
            assertThat(LAB.seen("step 4")).contains("`" + product + "`", "`checkout.orders`");
            var outcomes = await().atMost(Duration.ofSeconds(10))
                    .until(() -> outcomesOf(api, sql, usageFrom), seen -> seen.size() >= 2);
            assertThat(outcomes)
                    .as("lab 3.2 step 4: the usage of step 1's query")
                    .containsExactly("ok", "refused");
            outcomes.forEach(outcome -> assertStated("step 4", outcome));

            var revoked = api.send(RequestAccess.call("revoke", grant.id()));
            assertThat(revoked.status())
                    .as("lab 3.2's solution, revoke: %s", revoked)
                    .isEqualTo(200);
            var refusedAgain = api.send(tryToRead);
            assertStated(
                    "the revoke", revoked.status(), revoked.json().path("state").asText(), refusedAgain.status());
            assertThat(refusedAgain.status())
                    .as("lab 3.2's solution: reads stop at once: %s", refusedAgain)
                    .isEqualTo(403);
        } finally {
            grant.close();
        }
    }

    /** Fails unless the lab's "What you will see" names each of {@code answered}, in backticks, for {@code step}. */
    private static void assertStated(String step, Object... answered) {
        for (Object value : answered) {
            assertThat(LAB.seen(step))
                    .as("lab 3.2, what %s shows, names what the mesh answered", step)
                    .contains("`" + value + "`");
        }
    }

    /** Fulfillment's grants, from the first call of the lab's step 4. */
    private static List<String> grants(MeshApi api) {
        var grants = new ArrayList<String>();
        api.send(Curl.parseAll(LAB.block("bash", "grants-and-usage"), Map.of()).get(0))
                .json()
                .forEach(product -> grants.add(product.asText()));
        return grants;
    }

    /** The outcomes of {@code sql}'s reads since {@code from}, newest first, from the second call of step 4. */
    private static List<String> outcomesOf(MeshApi api, String sql, Instant from) {
        var outcomes = new ArrayList<String>();
        for (JsonNode read : api.send(Curl.parseAll(LAB.block("bash", "grants-and-usage"), Map.of())
                        .get(1))
                .json()) {
            if (read.path("sql").asText().equals(sql)
                    && !Instant.parse(read.path("at").asText()).isBefore(from)) {
                outcomes.add(read.path("outcome").asText());
            }
        }
        return outcomes;
    }

    /** How many rows the product's current snapshot has, read from its Parquet file, not through the mesh. */
    private long rowsPublished(ProductId product) throws Exception {
        var published = mesh.directory().latest(product).orElseThrow();
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var rows = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM read_parquet('" + published.dataFile() + "')")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
