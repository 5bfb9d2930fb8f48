package dev.meshshop.platform.catalog;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The mesh's OpenAPI document ({@code /v3/api-docs}, read in {@code /swagger-ui/index.html}): its title and version,
 * how a caller authenticates, and for every operation the problems it may answer, as RFC 7807 {@code
 * application/problem+json}. The operations themselves say their ids, summaries and statuses where they are
 * declared.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
public class ApiDocument {

    /** The schema every refusal has. */
    static final String PROBLEM = "Problem";

    static final String PROBLEM_JSON = "application/problem+json";

    /** What every operation behind authentication may answer besides its own statuses. */
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "401", "No credentials, or a token that is expired, tampered with or not the mesh issuer's",
            "403", "The caller may not do this: it acts for another domain, or for none",
            "500", "The mesh failed; its log says why");

    @Bean
    OpenAPI meshApi() {
        String version = ApiDocument.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Mesh Shop API")
                        .version(version == null ? "development" : version)
                        .description("The data mesh's catalog of data products, access requests and grants, the"
                                + " usage audit and cross-domain SQL. Every operation needs credentials: a bearer"
                                + " token of the mesh's issuer (POST /oauth2/token with a client's id and secret,"
                                + " grant_type=client_credentials) or the session of a person logged in to the"
                                + " catalog's pages. Refusals are RFC 7807 problems whose detail says what to fix.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A token of the mesh's issuer, valid 30 minutes"))
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("JSESSIONID")
                                        .description("The catalog pages' login; state-changing calls also send the"
                                                + " XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }

    /** Every error answer is a problem; every operation may answer 401, 403 and 500; JSON is said as JSON. */
    @Bean
    GlobalOpenApiCustomizer meshProblems() {
        return api -> {
            if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
                api.getComponents().getSchemas().putIfAbsent(PROBLEM, problemSchema());
            }
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().values().forEach(path -> path.readOperations().forEach(ApiDocument::document));
        };
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        EVERY_OPERATION.forEach((status, description) ->
                operation.getResponses().putIfAbsent(status, new ApiResponse().description(description)));
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
            } else if (response.getContent() != null && response.getContent().containsKey("*/*")) {
                var any = response.getContent().remove("*/*");
                if (response.getContent().isEmpty()) {
                    response.getContent().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, any);
                }
            }
        });
        var sorted = new LinkedHashMap<String, ApiResponse>();
        operation.getResponses().keySet().stream()
                .sorted()
                .forEach(status -> sorted.put(status, operation.getResponses().get(status)));
        operation.getResponses().clear();
        operation.getResponses().putAll(sorted);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("An RFC 7807 problem: what is wrong and how to fix it")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Not granted"))
                .addProperty("status", new IntegerSchema().example(403))
                .addProperty(
                        "detail",
                        new StringSchema()
                                .example("fulfillment is not granted payment.payments: request access with POST"
                                        + " /api/access/requests ..."))
                .addProperty("instance", new StringSchema().example("/api/query"));
    }
}
