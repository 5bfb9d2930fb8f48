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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API of a running mesh, called as a participant calls it: the labs' curl commands as they are written,
 * and queries sent to the query service, {@code POST /api/query}, as a domain. The tokens the commands name
 * ({@code $FULFILLMENT}) are what lab 2.1's {@code tokens} block sets, run as written by a shell in a directory
 * whose {@code .mesh-data} is the running mesh's.
 */
final class MeshApi {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Lab 2.1, whose {@code tokens} block gives the shell variables the other labs' commands use. */
    static final Lab TOKENS = Lab.read("2-1-ingest.md");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z0-9_]+)");

    private final String base;
    private final int port;
    private final Path dataDir;
    private final Map<String, String> tokens = new HashMap<>();

    MeshApi(int port, Path dataDir) {
        this.base = "http://localhost:" + port;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * The token a lab's shell variable holds ({@code FULFILLMENT}): lab 2.1's {@code tokens} block run by bash against
     * this mesh, then its {@code token} function for that variable's domain (a domain the block does not name, such
     * as one a participant generated, gets its token the same way).
     */
    synchronized String token(String variable) {
        return tokens.computeIfAbsent(variable, this::fromTheLab);
    }

    private String fromTheLab(String variable) {
        try {
            Path participant = Files.createTempDirectory("lab-participant");
            Files.createSymbolicLink(participant.resolve(".mesh-data"), dataDir.toAbsolutePath());
            String script = TOKENS.block("bash", "tokens").replace("localhost:8080", "localhost:" + port)
                    + "\nprintf '%s' \"$(token " + variable.toLowerCase(java.util.Locale.ROOT) + ")\"\n";
            var process = new ProcessBuilder("bash", "-c", script)
                    .directory(participant.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("Lab 2.1's tokens block failed: " + output);
            }
            String token = output.strip();
            assertThat(token)
                    .as("lab 2.1's tokens block gives $%s a token of the mesh's issuer", variable)
                    .startsWith("eyJ");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code value} with the shell variables it names replaced by the lab's tokens, as the shell does. */
    private String expanded(String value) {
        var variables = VARIABLE.matcher(value);
        var expanded = new StringBuilder();
        while (variables.find()) {
            String token = token(variables.group(1));
            variables.appendReplacement(expanded, Matcher.quoteReplacement(token));
        }
        variables.appendTail(expanded);
        return expanded.toString();
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
        call.headers().forEach((name, value) -> request.header(name, expanded(value)));
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
                "POST",
                "/api/query",
                Map.of(Curl.AUTHORIZATION, Curl.bearer(identity), "Content-Type", "application/json"),
                body);
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
