package dev.meshshop.platform.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The catalog's REST API for the mesh as a whole: its domains, and how their products feed each other. */
@RestController
@RequestMapping("/api")
@Tag(name = "Mesh", description = "Domains and the graph of products and input ports")
class MeshController {

    private final Catalog catalog;

    MeshController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/domains")
    @Operation(
            operationId = "listDomains",
            summary = "Domains",
            description = "Every domain that publishes: its teams, products and inputs.")
    List<Catalog.DomainInfo> domains() {
        return catalog.domains();
    }

    @GetMapping("/mesh/graph")
    @Operation(
            operationId = "getMeshGraph",
            summary = "The mesh as a graph",
            description = "Products as nodes, input ports as edges from the product read to the product built.")
    Catalog.MeshGraph graph() {
        return catalog.graph();
    }
}
