package dev.meshshop.platform.catalog;

import dev.meshshop.platform.storage.ProductId;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalog's REST API: the published products and their details. */
@RestController
@RequestMapping("/api/products")
class ProductController {

    private final Catalog catalog;

    ProductController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    List<Catalog.ProductSummary> products() {
        return catalog.products();
    }

    @GetMapping("/{id}")
    ResponseEntity<?> product(@PathVariable String id) {
        ProductId productId;
        try {
            productId = ProductId.parse(id);
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return catalog.product(productId)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(
                        HttpStatus.NOT_FOUND,
                        "No product " + id + " is published. Published products: " + catalog.ids()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
