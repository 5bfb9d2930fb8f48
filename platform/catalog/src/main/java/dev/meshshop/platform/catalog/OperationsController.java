package dev.meshshop.platform.catalog;

import dev.meshshop.platform.identity.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/products/{id}/operations}: how a product is run, for its catalog page. */
@RestController
@Tag(name = "Products")
class OperationsController {

    private final ProductOperations operations;
    private final ProductController products;
    private final Callers callers;

    OperationsController(ProductOperations operations, ProductController products, Callers callers) {
        this.operations = operations;
        this.products = products;
        this.callers = callers;
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
        return products.answer(
                id, product -> operations.of(product, callers.current()).map(answer -> answer));
    }
}
