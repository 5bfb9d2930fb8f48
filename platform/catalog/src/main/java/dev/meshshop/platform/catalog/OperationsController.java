package dev.meshshop.platform.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.access.web.ProblemResponses;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.storage.ProductId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/products/{id}/operations}: how a product is run, for its catalog page. */
@RestController
@Tag(name = "Products")
class OperationsController {

    private final ProductOperations operations;
    private final Callers callers;
    private final Visibility visibility;

    OperationsController(ProductOperations operations, Callers callers, Catalog catalog, ObjectMapper json) {
        this.operations = operations;
        this.callers = callers;
        this.visibility = new Visibility(json, catalog.dataDir());
    }

    @GetMapping("/api/products/{id}/operations")
    @Operation(
            operationId = "getProductOperations",
            summary = "How a product is run",
            description = "The cleaning report of its domain's newest run (quarantined by reason, repairs, gaps,"
                    + " the balance), the domain's recent refreshes, the port's availability within its"
                    + " freshness SLA, and its usage by day; refusal reasons and usage by consumer for its owners,"
                    + " governance and the platform.")
    @ApiResponse(responseCode = "200", description = "The product's operations")
    @ApiResponse(responseCode = "400", description = "Not a product id")
    @ApiResponse(responseCode = "404", description = "No such product is published")
    ResponseEntity<?> operations(
            @Parameter(description = "the product id, such as search.search_sessions") @PathVariable String id) {
        ProductId product;
        try {
            product = ProductId.parse(id);
        } catch (IllegalArgumentException e) {
            return ProblemResponses.of(
                    HttpStatus.BAD_REQUEST,
                    "Invalid product id",
                    "Name a product as" + " <domain>.<product>, for example search.search_sessions");
        }
        var caller = callers.current();
        return operations
                .of(product, caller)
                .<ResponseEntity<?>>map(answer -> ResponseEntity.ok(visibility.of(answer, caller, product.domain())))
                .orElseGet(() -> ProblemResponses.of(
                        HttpStatus.NOT_FOUND, "Unknown product", "No product " + product + " is published"));
    }
}
