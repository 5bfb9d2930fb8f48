package dev.meshshop.platform.access.web;

import dev.meshshop.platform.access.AccessRequest;
import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.AccessState;
import dev.meshshop.platform.access.Identities;
import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access requests over HTTP: a consumer domain requests a product, its owner approves, rejects or revokes, and
 * everyone can read the requests, the grants and the usage audit. The caller's domain is {@value
 * Identities#HEADER}, resolved by the application's {@link Identities}.
 */
@RestController
@RequestMapping("/api/access")
class AccessController {

    private final AccessRequests requests;
    private final UsageLog usage;
    private final Identities identities;

    AccessController(AccessRequests requests, UsageLog usage, Identities identities) {
        this.requests = requests;
        this.usage = usage;
        this.identities = identities;
    }

    /** What a consumer sends to request a product. */
    record NewRequest(String consumer, String product, String purpose) {}

    /** What an owner sends with a decision; the reason is optional only to approve. */
    record Decision(String reason) {}

    @PostMapping("/requests")
    ResponseEntity<AccessRequest> request(
            @RequestHeader(name = Identities.HEADER, required = false) String claimed,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String secret,
            @RequestBody NewRequest body) {
        var request =
                requests.request(identities.identify(claimed, secret), body.consumer(), body.product(), body.purpose());
        return ResponseEntity.created(URI.create("/api/access/requests/" + request.id()))
                .body(request);
    }

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

    @GetMapping("/requests/{id}")
    AccessRequest request(@PathVariable String id) {
        return requests.find(id).orElseThrow(() -> AccessRequests.unknown(id));
    }

    /** The owner approves (a reason is optional), rejects or revokes (a reason is required). */
    @PostMapping("/requests/{id}/{decision:approve|reject|revoke}")
    AccessRequest decide(
            @PathVariable String id,
            @PathVariable String decision,
            @RequestHeader(name = Identities.HEADER, required = false) String claimed,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String secret,
            @RequestBody(required = false) Decision body) {
        String owner = identities.identify(claimed, secret);
        String reason = body == null ? null : body.reason();
        return switch (decision) {
            case "approve" -> requests.approve(id, owner, reason);
            case "reject" -> requests.reject(id, owner, reason);
            default -> requests.revoke(id, owner, reason);
        };
    }

    @GetMapping("/grants")
    List<String> grants(@RequestParam(required = false) String consumer) {
        if (blankToNull(consumer) == null) {
            throw MeshProblem.invalid("Say whose grants: GET /api/access/grants?consumer=<domain>");
        }
        return requests.grants(consumer.trim());
    }

    @GetMapping("/usage")
    List<Usage> usage(@RequestParam(required = false) String product, @RequestParam(required = false) String consumer) {
        return usage.list(blankToNull(product), blankToNull(consumer));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
