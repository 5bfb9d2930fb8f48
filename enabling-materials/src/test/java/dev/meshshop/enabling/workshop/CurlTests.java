package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The labs' curl commands are read as a POSIX shell and curl read them, and what the labs do not use is refused. */
class CurlTests {

    @Test
    void readsQuotesContinuationsAndTheMethodFromTheBody() {
        var call = Curl.parse(
                """
                curl -s localhost:8080/api/access/requests -H "Authorization: Bearer $FULFILLMENT" \\
                  -H "Content-Type: application/json" -d '{"consumer": "fulfillment",
                     "purpose": "why"}'
                """);

        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/api/access/requests");
        assertThat(call.headers())
                .containsEntry("Authorization", "Bearer $FULFILLMENT")
                .containsEntry("Content-Type", "application/json");
        assertThat(call.body()).isEqualTo("{\"consumer\": \"fulfillment\",\n     \"purpose\": \"why\"}");
        assertThat(call.identity()).isEqualTo("fulfillment");
        assertThat(call.as("search").identity()).isEqualTo("search");
        assertThat(call.as("search").headers()).containsEntry("Authorization", "Bearer $SEARCH");
    }

    @Test
    void readsOneCommandPerLineAndSkipsComments() {
        var calls = Curl.parseAll(
                """
                curl -s 'localhost:8080/api/access/grants?consumer=fulfillment'   # what it may read
                curl -s -X POST http://localhost:8080/api/access/requests/42/approve
                """,
                Map.of());

        assertThat(calls).extracting(Curl::method).containsExactly("GET", "POST");
        assertThat(calls)
                .extracting(Curl::path)
                .containsExactly("/api/access/grants?consumer=fulfillment", "/api/access/requests/42/approve");
        assertThat(calls.get(1).body()).isNull();
    }

    @Test
    void sendsASavedFileOnOneLineInsideDoubleQuotes() {
        var call = Curl.parse(
                "curl -s localhost:8080/api/query -d \"{\\\"sql\\\": \\\"$(tr '\\n' ' ' < late.sql)\\\"}\"",
                Map.of("late.sql", "SELECT 1\nFROM t;\n"));

        assertThat(call.body()).isEqualTo("{\"sql\": \"SELECT 1 FROM t; \"}");
    }

    @Test
    void refusesWhatTheLabsDoNotUse() {
        assertThatThrownBy(() -> Curl.parse("curl -s -k localhost:8080/api/products"))
                .hasMessageContaining("do not use -k");
        assertThatThrownBy(() -> Curl.parse("curl -s https://example.org/api/products"))
                .hasMessageContaining("Not a call of the mesh");
        assertThatThrownBy(() -> Curl.parse("curl -s localhost:8080/api/query -d \"$(cat late.sql)\""))
                .hasMessageContaining("$(cat late.sql)");
        assertThatThrownBy(() -> Curl.parse("wget localhost:8080/api/products")).hasMessageContaining("Not a curl");
    }
}
