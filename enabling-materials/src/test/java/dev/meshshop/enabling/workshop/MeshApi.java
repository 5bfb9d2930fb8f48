package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.enabling.labsql.ResultTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API of a running mesh, called as a participant calls it: the labs' curl commands as they are written,
 * and queries sent to the query service, {@code POST /api/query}, as a domain.
 */
final class MeshApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    MeshApi(int port) {
        this.base = "http://localhost:" + port;
    }

    /** What the mesh answered: the status and the body, read as JSON when it is. */
    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Makes the call as curl does: its method, path, headers and body, and curl's {@code Accept: *}{@code /*}. */
    Answer send(Curl call) {
        var request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .header("Accept", "*/*")
                .method(
                        call.method(),
                        call.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(call.body()));
        call.headers().forEach(request::header);
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot call " + call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while calling " + call, e);
        }
    }

    /** Sends {@code sql} to the query service as {@code identity}; fails with the mesh's answer unless it ran. */
    ResultTable query(String identity, String sql) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("sql", sql));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var call = new Curl(
                "POST", "/api/query", Map.of(Curl.IDENTITY, identity, "Content-Type", "application/json"), body);
        return table(send(call), identity + " queries " + sql);
    }

    /** The rows the query service answered, as the labs show them; fails unless it answered them all. */
    static ResultTable table(Answer answer, String what) {
        assertThat(answer.status())
                .as("%s: the query service answers %s", what, answer)
                .isEqualTo(200);
        var json = answer.json();
        assertThat(json.path("truncated").asBoolean())
                .as("%s: the answer is cut at the row cap", what)
                .isFalse();
        var columns = new ArrayList<String>();
        json.path("columns").forEach(column -> columns.add(column.path("name").asText()));
        var rows = new ArrayList<List<String>>();
        for (JsonNode row : json.path("rows")) {
            var cells = new ArrayList<String>();
            row.forEach(cell -> cells.add(
                    cell.isNull() ? "" : cell.isNumber() ? cell.decimalValue().toPlainString() : cell.asText()));
            rows.add(cells);
        }
        return new ResultTable(columns, rows);
    }
}
