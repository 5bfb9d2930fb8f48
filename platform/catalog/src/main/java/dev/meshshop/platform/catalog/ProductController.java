package dev.meshshop.platform.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.access.UserText;
import dev.meshshop.platform.access.web.ProblemResponses;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.storage.ProductId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalog's REST API for products: find them, and everything about one. */
@RestController
@RequestMapping("/api/products")
@Tag(name = "Products", description = "The data products the mesh publishes")
class ProductController {

    private final Catalog catalog;
    private final Callers callers;
    private final Visibility visibility;

    ProductController(Catalog catalog, Callers callers, ObjectMapper json) {
        this.catalog = catalog;
        this.callers = callers;
        this.visibility = new Visibility(json, catalog.dataDir());
    }

    @GetMapping
    @Operation(
            operationId = "listProducts",
            summary = "Find products",
            description = "Every published product, newest major version, filtered by what is given. Text matches"
                    + " the id, the description, the tags and the column names.")
    JsonNode products(
            @Parameter(description = "words to look for, such as 'orders'") @RequestParam(required = false) String q,
            @Parameter(description = "a domain, such as checkout") @RequestParam(required = false) String domain,
            @Parameter(description = "source-aligned, aggregate or consumer-aligned") @RequestParam(required = false)
                    String kind,
            @Parameter(description = "a tag of the product's contract") @RequestParam(required = false) String tag,
            @Parameter(description = "the owner team, such as checkout-team") @RequestParam(required = false)
                    String owner) {
        return visibility.ofEach(
                catalog.products(new Catalog.ProductQuery(q, domain, kind, tag, owner)),
                callers.current(),
                product -> ((Catalog.ProductSummary) product).domain());
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getProduct",
            summary = "One product",
            description = "Descriptor, ODCS contract, schema with classifications, the contract checks and service"
                    + " levels measured at publish, versions, snapshot history, input ports and consumers.")
    ResponseEntity<?> product(
            @Parameter(description = "the product id, such as checkout.orders") @PathVariable String id) {
        return answer(id, product -> catalog.product(product).map(detail -> (Object) detail));
    }

    /**
     * What the caller may see of {@code find}'s answer about the product {@code id}: 400 for an id that is not one,
     * 404 for a product not published.
     */
    ResponseEntity<?> answer(String id, Function<ProductId, Optional<Object>> find) {
        ProductId productId;
        try {
            productId = ProductId.parse(id);
        } catch (IllegalArgumentException e) {
            return ProblemResponses.of(
                    HttpStatus.BAD_REQUEST,
                    "Invalid product id",
                    id.length() > UserText.NAME
                            ? "The product id '" + UserText.name(id) + "' is longer than any product's: name a"
                                    + " product as <domain>.<product>, for example checkout.orders"
                            : e.getMessage());
        }
        var caller = callers.current();
        return find.apply(productId)
                .<ResponseEntity<?>>map(found -> ResponseEntity.ok(visibility.of(found, caller, productId.domain())))
                .orElseGet(() -> ProblemResponses.of(
                        HttpStatus.NOT_FOUND,
                        "Unknown product",
                        "No product " + UserText.name(id) + " is published. Published products: " + catalog.ids()));
    }
}
