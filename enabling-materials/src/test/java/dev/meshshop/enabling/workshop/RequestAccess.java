package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lab 3.2's calls, as the lab writes them in its named curl blocks, on a running mesh: fulfillment tries to read
 * payment.payments, requests it, payment approves, and revokes in the solution. {@code <id>} in a call is the id the
 * request step answered.
 *
 * <p>The grant these calls make is the one piece of state the lab tests share in the lab mesh, so a test takes it
 * with {@link #grant()} and gives it back when done: closing the grant revokes it as the lab's solution does, and
 * every test starts from the mesh as it started, fulfillment without payment.payments, in whichever order they
 * run.
 */
final class RequestAccess {

    static final Lab LAB = Lab.read("3-2-request-access.md");

    /** What a call of the lab says in place of the request's id. */
    static final String ID = "<id>";

    private final MeshApi api;

    RequestAccess(MeshApi api) {
        this.api = api;
    }

    /** The call of the lab's block {@code ```bash <name>}. */
    static Curl call(String name) {
        return Curl.parse(LAB.block("bash", name));
    }

    /** The call of the lab's block {@code ```bash <name>}, on the request {@code id}. */
    static Curl call(String name, String id) {
        return Curl.parse(LAB.block("bash", name).replace(ID, id));
    }

    /**
     * Steps 2 and 3: fulfillment requests payment.payments and payment approves it. Closing the grant revokes it,
     * as the lab's solution does.
     */
    Grant grant() {
        var requested = api.send(call("request"));
        assertThat(requested.status())
                .as("lab 3.2 step 2, request: %s", requested)
                .isEqualTo(201);
        var grant = new Grant(api, requested.json().path("id").asText());
        var approved = api.send(call("approve", grant.id()));
        if (approved.status() != 200) {
            grant.close();
        }
        assertThat(approved.status())
                .as("lab 3.2 step 3, approve: %s", approved)
                .isEqualTo(200);
        return grant;
    }

    /** A request of lab 3.2; closing it leaves fulfillment without payment.payments, however far the steps got. */
    static final class Grant implements AutoCloseable {

        private final MeshApi api;
        private final String id;

        Grant(MeshApi api, String id) {
            this.api = api;
            this.id = id;
        }

        String id() {
            return id;
        }

        /** Revokes the request with the lab's command if it was approved, rejects it if it still waits. */
        @Override
        public void close() {
            var revoke = call("revoke", id);
            var state = api.send(new Curl("GET", "/api/access/requests/" + id, revoke.headers(), null))
                    .json()
                    .path("state")
                    .asText();
            var answer =
                    switch (state) {
                        case "approved" -> api.send(revoke);
                        case "pending" ->
                            api.send(new Curl(
                                    revoke.method(),
                                    revoke.path().replace("/revoke", "/reject"),
                                    revoke.headers(),
                                    revoke.body()));
                        default -> null;
                    };
            assertThat(answer == null ? 200 : answer.status())
                    .as("lab 3.2's request %s, given back: %s", id, answer)
                    .isEqualTo(200);
        }
    }
}
