package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.AccessRequest;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.AccessState;
import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.identity.Callers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access requests over HTTP: a consumer domain requests a product, its owner approves, rejects or revokes; every
 * authenticated caller reads the requests and the grants, and the usage audit as far as it concerns its domain (all
 * of it for governance and the platform). The caller's domain is the one its credentials act for ({@link Callers}).
 */
@RestController
@RequestMapping("/api/access")
@Tag(name = "Access", description = "Access requests, grants and the usage audit")
class AccessController {

    private final AccessRequests requests;
    private final UsageLog usage;
    private final Callers callers;

    AccessController(AccessRequests requests, UsageLog usage, Callers callers) {
        this.requests = requests;
        this.usage = usage;
        this.callers = callers;
    }

    /** What a consumer sends to request a product. */
    record NewRequest(String consumer, String product, String purpose) {}

    /** What an owner sends with a decision; the reason is optional only to approve. */
    record Decision(String reason) {}

    @Operation(
            operationId = "requestAccess",
            summary = "Request access to a product",
            description = "The caller's domain asks to read a product for a purpose; the owner decides.")
    @ApiResponse(responseCode = "201", description = "The request, pending; Location names it")
    @ApiResponse(responseCode = "400", description = "No purpose, one over 1,000 characters, or a malformed id")
    @ApiResponse(responseCode = "403", description = "The consumer is not the caller's domain, or no domain at all")
    @ApiResponse(responseCode = "404", description = "The product is not published")
    @ApiResponse(responseCode = "409", description = "The pair has a pending or approved request")
    @ApiResponse(responseCode = "413", description = "A body over mesh.http.max-request-body")
    @PostMapping("/requests")
    ResponseEntity<AccessRequest> request(@RequestBody NewRequest body) {
        var request =
                requests.request(callers.current().domainOrRefuse(), body.consumer(), body.product(), body.purpose());
        return ResponseEntity.created(URI.create("/api/access/requests/" + request.id()))
                .body(request);
    }

    @Operation(
            operationId = "listAccessRequests",
            summary = "List access requests",
            description = "Newest first; every filter optional.")
    @ApiResponse(responseCode = "200", description = "The requests")
    @ApiResponse(responseCode = "400", description = "A state that is not pending, approved, rejected or revoked")
    @GetMapping("/requests")
    List<AccessRequest> requests(
            @RequestParam(required = false) String product,
            @RequestParam(required = false) String consumer,
            @RequestParam(required = false) String state) {
        AccessState wanted;
        try {
            wanted = blankToNull(state) == null ? null : AccessState.of(state.trim());
        } catch (IllegalArgumentException e) {
            throw MeshProblem.invalid(e.getMessage());
        }
        return requests.list(blankToNull(product), blankToNull(consumer), wanted);
    }

    @Operation(operationId = "getAccessRequest", summary = "One access request, with its history")
    @ApiResponse(responseCode = "200", description = "The request")
    @ApiResponse(responseCode = "404", description = "No request has this id")
    @GetMapping("/requests/{id}")
    AccessRequest request(@PathVariable String id) {
        return requests.find(id).orElseThrow(() -> AccessRequests.unknown(id));
    }

    /** The owner approves (a reason is optional), rejects or revokes (a reason is required). */
    @Operation(
            operationId = "decideAccessRequest",
            summary = "Approve, reject or revoke a request",
            description = "Only the product's owner domain decides. A reason is optional to approve, required to"
                    + " reject or revoke; a revoked grant stops reads at once.")
    @ApiResponse(responseCode = "200", description = "The request, decided")
    @ApiResponse(responseCode = "400", description = "No reason to reject or revoke")
    @ApiResponse(
            responseCode = "403",
            description = "The caller does not act for the owner, or the consumer is not a domain of the mesh")
    @ApiResponse(responseCode = "404", description = "No request has this id, or no such decision")
    @ApiResponse(responseCode = "409", description = "The request is not pending (approved, to revoke)")
    @PostMapping("/requests/{id}/{decision:approve|reject|revoke}")
    AccessRequest decide(
            @PathVariable String id, @PathVariable String decision, @RequestBody(required = false) Decision body) {
        String owner = callers.current().domainOrRefuse();
        String reason = body == null ? null : body.reason();
        return switch (decision) {
            case "approve" -> requests.approve(id, owner, reason);
            case "reject" -> requests.reject(id, owner, reason);
            default -> requests.revoke(id, owner, reason);
        };
    }

    @Operation(operationId = "listGrants", summary = "The products a consumer domain holds a grant for")
    @ApiResponse(responseCode = "200", description = "Product ids")
    @ApiResponse(responseCode = "400", description = "No consumer given")
    @GetMapping("/grants")
    List<String> grants(@RequestParam(required = false) String consumer) {
        if (blankToNull(consumer) == null) {
            throw MeshProblem.invalid("Say whose grants: GET /api/access/grants?consumer=<domain>");
        }
        return requests.grants(consumer.trim());
    }

    /**
     * The reads of the mesh, newest first: a domain sees its own reads and the reads of its products (whose SQL is
     * theirs to see); governance and the platform see all.
     */
    @Operation(
            operationId = "listUsage",
            summary = "The usage audit",
            description = "Reads through the query service, refused ones included, newest first: a domain sees its"
                    + " own reads and the reads of its products; governance and the platform see all.")
    @ApiResponse(responseCode = "200", description = "The reads")
    @GetMapping("/usage")
    List<Usage> usage(@RequestParam(required = false) String product, @RequestParam(required = false) String consumer) {
        var caller = callers.current();
        var reads = usage.list(blankToNull(product), blankToNull(consumer));
        if (caller.seesEverything()) {
            return reads;
        }
        String domain = caller.domainOrRefuse();
        return reads.stream().filter(read -> concerns(read, domain)).toList();
    }

    private static boolean concerns(Usage read, String domain) {
        return domain.equals(read.consumer())
                || read.products().stream().anyMatch(product -> product.startsWith(domain + "."));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
