package dev.meshshop.apps.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * The OpenAPI document of the whole mesh, as a client generator or a reader of {@code /swagger-ui} gets it: a title
 * and a version, how to authenticate, and for every operation a stable id, a summary and every status it answers,
 * each refusal as an RFC 7807 problem.
 */
@EmbeddedMeshTest
class ApiDocumentTests {

    @LocalServerPort
    int port;

    JsonNode api;

    @BeforeEach
    void read() {
        api = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/v3/api-docs")
                .retrieve()
                .body(JsonNode.class);
    }

    @Test
    void theDocumentSaysWhatItIsAndHowToAuthenticate() {
        assertThat(api.at("/info/title").asText()).isEqualTo("Mesh Shop API");
        assertThat(api.at("/info/version").asText()).isNotBlank();
        assertThat(api.at("/info/description").asText()).contains("/oauth2/token");
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/components/schemas/Problem/properties").fieldNames())
                .toIterable()
                .contains("title", "status", "detail");
    }

    @Test
    void everyOperationHasAStableIdASummaryAndItsRefusalsAsProblems() {
        var ids = new HashSet<String>();
        var operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(12);
        for (var operation : operations) {
            String id = operation.path("operationId").asText();
            assertThat(id).as("the id of %s", operation).matches("[a-z][A-Za-z]+");
            assertThat(ids.add(id)).as("%s is unique", id).isTrue();
            assertThat(operation.path("summary").asText()).as(id).isNotBlank();
            var responses = operation.path("responses");
            assertThat(responses.fieldNames()).toIterable().as(id).contains("401", "403", "500");
            responses.fields().forEachRemaining(response -> {
                var content = response.getValue().path("content");
                if (response.getKey().matches("[45]..")) {
                    assertThat(content.fieldNames())
                            .toIterable()
                            .as(id + " " + response.getKey())
                            .containsExactly("application/problem+json");
                    assertThat(content.at("/application~1problem+json/schema/$ref")
                                    .asText())
                            .endsWith("/Problem");
                } else {
                    assertThat(content.fieldNames())
                            .toIterable()
                            .as(id + " " + response.getKey())
                            .doesNotContain("*/*");
                }
            });
        }
    }

    @Test
    void theAccessAndQueryOperationsListEveryStatusTheyAnswer() {
        assertThat(operation("/api/access/requests", "post").path("operationId").asText())
                .isEqualTo("requestAccess");
        assertThat(operation("/api/products/{id}", "get").path("operationId").asText())
                .isEqualTo("getProduct");
        assertThat(operation("/api/access/requests", "post").path("responses").fieldNames())
                .toIterable()
                .contains("201", "400", "401", "403", "404", "409", "413");
        var query = operation("/api/query", "post");
        assertThat(query.path("responses").fieldNames())
                .toIterable()
                .contains("200", "400", "401", "403", "404", "413", "503", "504");
        assertThat(query.at("/responses/200/content").fieldNames())
                .toIterable()
                .contains("application/json", "text/csv");
    }

    @Test
    void aProductsFileIsDocumentedWithTheMediaTypesFilesArePublishedWith() {
        var file = operation("/api/products/{id}/v{major}/files/{name}", "get");
        assertThat(file.path("operationId").asText()).isEqualTo("getProductFile");
        assertThat(file.at("/responses/200/content").fieldNames())
                .toIterable()
                .contains("application/pdf", "text/html", "application/json", "application/octet-stream")
                .doesNotContain("*/*");
        assertThat(file.at("/responses/200/content/application~1pdf/schema/format")
                        .asText())
                .isEqualTo("binary");
    }

    private JsonNode operation(String path, String method) {
        return api.path("paths").path(path).path(method);
    }

    private List<JsonNode> operations() {
        var operations = new ArrayList<JsonNode>();
        api.path("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/api/")) {
                path.getValue().fields().forEachRemaining(method -> operations.add(method.getValue()));
            }
        });
        return operations;
    }
}
