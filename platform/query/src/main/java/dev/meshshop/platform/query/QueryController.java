package dev.meshshop.platform.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.identity.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * SQL over HTTP: {@code POST /api/query} with {@code {"sql": "...", "maxRows": 1000}}, for the domain the caller's
 * token (or page session) acts for. Answers JSON, or streams CSV when the caller accepts {@code text/csv} (for pandas, R,
 * DuckDB and spreadsheets).
 */
@RestController
@Tag(name = "Query", description = "Cross-domain SQL")
class QueryController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final QueryService queries;
    private final Callers callers;
    private final ObjectMapper json;

    QueryController(QueryService queries, Callers callers, ObjectMapper json) {
        this.queries = queries;
        this.callers = callers;
        this.json = json;
    }

    /** What a caller sends: the SQL and, optionally, fewer rows than the configured maximum. */
    record QueryRequest(String sql, Integer maxRows) {}

    @PostMapping("/api/query")
    @Operation(
            operationId = "query",
            summary = "Run SQL over the products the caller's domain may read",
            description = "One SELECT over products named domain.product, for the domain the caller acts for."
                    + " JSON by default; with Accept: text/csv the rows stream as CSV, and X-Mesh-Row-Cap says"
                    + " where they stop.")
    @ApiResponse(
            responseCode = "200",
            description = "The rows",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = QueryResult.class)),
                @Content(mediaType = "text/csv")
            })
    @ApiResponse(
            responseCode = "400",
            description = "Not one SELECT over products, a failing statement, or over memory")
    @ApiResponse(responseCode = "403", description = "A product or a column the caller's domain was not granted")
    @ApiResponse(responseCode = "404", description = "A name that is not a published product")
    @ApiResponse(
            responseCode = "410",
            description = "A major version retired at the end of its deprecation window; the detail says how to move")
    @ApiResponse(responseCode = "413", description = "A body over mesh.http.max-request-body")
    @ApiResponse(responseCode = "503", description = "No turn came within mesh.query.max-wait; see Retry-After")
    @ApiResponse(responseCode = "504", description = "The query ran longer than mesh.query.timeout")
    ResponseEntity<StreamingResponseBody> query(
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept, @RequestBody QueryRequest body) {
        String identity = callers.current().domainOrRefuse();
        if (!wantsCsv(accept)) {
            var result = queries.query(identity, body.sql(), body.maxRows());
            return ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(out -> json.writeValue(out, result));
        }
        var execution = queries.start(identity, body.sql(), body.maxRows(), "csv");
        StreamingResponseBody csv = out -> {
            try (execution;
                    var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                execution.sent(CsvRows.write(execution, writer));
            } catch (SQLException e) {
                throw new IOException(execution.failed(e).getMessage(), e);
            }
        };
        return ResponseEntity.ok()
                .contentType(CSV)
                .header("X-Mesh-Row-Cap", Integer.toString(execution.maxRows()))
                .body(csv);
    }

    /** Whether the caller asks for CSV rather than JSON. */
    private static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        for (var type : MediaType.parseMediaTypes(accept)) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                return false;
            }
            if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }
}
