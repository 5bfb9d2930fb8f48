package dev.meshshop.platform.catalog;

import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.access.UserText;
import dev.meshshop.platform.access.web.ProblemResponses;
import dev.meshshop.platform.identity.Caller;
import dev.meshshop.platform.identity.Callers;
import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.ProductId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The files of a report or a model (docs/adr/0027): the PDF, the HTML page, the ONNX file and the model card of the
 * snapshot a port serves now. Read like the port's data: by the owner domain, governance and the platform, and by a
 * domain granted the product; every read is kept in the usage audit, a refused one with its reason.
 */
@RestController
@RequestMapping("/api/products")
@Tag(name = "Products", description = "The data products the mesh publishes")
class ProductFilesController {

    /**
     * What a report's HTML may do when a browser shows it from the catalog: nothing but show itself. It runs in a
     * sandbox of its own origin, without scripts, so that a page a domain rendered cannot act with the reader's
     * session.
     */
    static final String FILE_POLICY =
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    private final Catalog catalog;
    private final Callers callers;
    private final ObjectProvider<AccessCheck> access;
    private final ObjectProvider<UsageLog> usage;

    ProductFilesController(
            Catalog catalog, Callers callers, ObjectProvider<AccessCheck> access, ObjectProvider<UsageLog> usage) {
        this.catalog = catalog;
        this.callers = callers;
        this.access = access;
        this.usage = usage;
    }

    @GetMapping("/{id}/v{major}/files/{name}")
    @Operation(
            operationId = "getProductFile",
            summary = "A file of a report or a model",
            description = "One file the port's current snapshot was published with, such as report.pdf or"
                    + " model.onnx, with the snapshot's id in X-Mesh-Snapshot and the file's SHA-256 in"
                    + " X-Mesh-Sha256. For the owner domain, governance and a domain granted the product.")
    @ApiResponse(
            responseCode = "200",
            description = "The file's bytes, under the media type it was published with, such as these",
            content = {
                @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "text/html", schema = @Schema(type = "string")),
                @Content(mediaType = "application/json", schema = @Schema(type = "string")),
                @Content(mediaType = "text/markdown", schema = @Schema(type = "string")),
                @Content(
                        mediaType = "application/octet-stream",
                        schema = @Schema(type = "string", format = "binary", description = "an ONNX model"))
            })
    ResponseEntity<?> file(
            @Parameter(description = "the product id, such as controlling.management_report") @PathVariable String id,
            @Parameter(description = "the major version, such as 1") @PathVariable int major,
            @Parameter(description = "the file's name, as the product page lists it") @PathVariable String name) {
        ProductId product;
        try {
            product = ProductId.parse(id);
        } catch (IllegalArgumentException e) {
            return ProblemResponses.of(
                    HttpStatus.BAD_REQUEST, "Invalid product id", UserText.name(id) + ": " + e.getMessage());
        }
        var caller = callers.current();
        var refusal = refusal(caller, product);
        if (refusal.isPresent()) {
            record(caller, product, name, Usage.Outcome.REFUSED, refusal.get());
            return ProblemResponses.of(HttpStatus.FORBIDDEN, "No access to " + product, refusal.get());
        }
        var port = catalog.port(product, major);
        if (port.isEmpty()) {
            return ProblemResponses.of(
                    HttpStatus.NOT_FOUND,
                    "Unknown product",
                    "No product " + product + " v" + major + " is published. Published products: " + catalog.ids());
        }
        var snapshot = port.get().snapshot();
        var artifact = snapshot.artifact(name);
        var file = port.get().artifactFile(name);
        if (artifact.isEmpty() || file.isEmpty() || !Files.isRegularFile(file.get())) {
            return ProblemResponses.of(
                    HttpStatus.NOT_FOUND,
                    "Unknown file",
                    "Snapshot " + snapshot.id() + " of " + product + " v" + major + " has no file '"
                            + UserText.name(name) + "'. Its files: "
                            + snapshot.artifacts().stream()
                                    .map(dev.meshshop.platform.storage.Snapshot.Artifact::name)
                                    .toList());
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(artifact.get().mediaType());
        } catch (IllegalArgumentException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        long size;
        try {
            size = Files.size(file.get());
        } catch (IOException e) {
            return ProblemResponses.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "File unreadable",
                    "Cannot read " + name + " of " + product + " now; try again after the next publish");
        }
        record(caller, product, name, Usage.Outcome.OK, null);
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(size)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(name).build().toString())
                .header("Content-Security-Policy", FILE_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Mesh-Snapshot", snapshot.id())
                .header("X-Mesh-Sha256", artifact.get().sha256())
                .body(new FileSystemResource(file.get()));
    }

    /** Why {@code caller} may not read {@code product}'s files; empty when it may. */
    private Optional<String> refusal(Caller caller, ProductId product) {
        if (caller.platform() || caller.seesEverything() || caller.actsFor(product.domain())) {
            return Optional.empty();
        }
        if (caller.domain() == null) {
            return Optional.of("The files of " + product + " are for its owner domain, governance and the domains"
                    + " granted it; " + caller.name() + " acts for no domain");
        }
        var check = access.getIfAvailable(() ->
                (consumer, wanted) -> Optional.of("No access requests are kept here, so no grant can be checked"));
        return check.refusal(caller.domain(), product);
    }

    private void record(Caller caller, ProductId product, String name, Usage.Outcome outcome, String reason) {
        var log = usage.getIfAvailable();
        if (log != null) {
            log.record(new Usage(
                    caller.domain() != null ? caller.domain() : caller.name(),
                    List.of(product.toString()),
                    Instant.now(),
                    0,
                    0,
                    outcome,
                    reason,
                    "file",
                    "file " + UserText.name(name)));
        }
    }
}
