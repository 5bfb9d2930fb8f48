package dev.meshshop.platform.access;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishedPort;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mesh's access requests and the grants they make. A consumer domain requests a product for a purpose; the
 * product's owner domain approves or rejects; an approved request is a grant until the owner revokes it. Every
 * state change is kept with who, when and why, in an append-only log under {@code <data-dir>/access/} that is
 * replayed on start and shared safely by every process of the mesh.
 *
 * <p>It is the platform's {@link AccessCheck}: input ports and the query service read a product only with a grant
 * (or as its owner), and without the columns its contract restricts.
 */
public final class AccessRequests implements AccessCheck {

    private static final Logger log = LoggerFactory.getLogger(AccessRequests.class);

    static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MeshDirectory mesh;
    private final RestrictedColumns restricted;
    private final Clock clock;
    private final Map<String, AccessRequest> requests = new LinkedHashMap<>();
    private final JsonLines<LogEntry> entries;
    private final Map<ProductId, ProductDescriptor> declared = new ConcurrentHashMap<>();

    private final Predicate<String> knownDomains;

    public AccessRequests(MeshLayout layout, RestrictedColumns restricted, Clock clock) {
        this(layout, restricted, clock, domain -> true);
    }

    /**
     * @param knownDomains the domains of the mesh: a request, grant or decision for any other is refused (no grants to
     *     domains that do not exist)
     */
    public AccessRequests(
            MeshLayout layout, RestrictedColumns restricted, Clock clock, Predicate<String> knownDomains) {
        this.knownDomains = knownDomains;
        this.mesh = new MeshDirectory(layout);
        this.restricted = restricted;
        this.clock = clock;
        this.entries =
                new JsonLines<>(folder(layout).resolve("requests.jsonl"), LogEntry.class, JSON, true, this::apply);
        this.entries.catchUp();
    }

    /** Where the mesh keeps its access log and usage audit: {@code <data-dir>/access}. */
    public static Path folder(MeshLayout layout) {
        return layout.dataDir().resolve("access");
    }

    /**
     * A product's owner team as its descriptor names it ({@code owner}), the name an owner's standing agreement is
     * recorded under: the descriptor of its newest published snapshot, or for a product not published yet, the one
     * {@link #declare declared} here. Without either, or without an owner in it, the owner domain's name, the
     * identity that approves.
     */
    public String ownerTeam(ProductId product) {
        return mesh.latest(product)
                .map(PublishedPort::descriptor)
                .or(() -> Optional.ofNullable(declared.get(product)))
                .map(ProductDescriptor::owner)
                .filter(owner -> !owner.isBlank())
                .orElse(product.domain());
    }

    /**
     * A product a domain of this process declares, by its descriptor, so that requests for it name its owner team
     * before it is first published.
     */
    public void declare(ProductDescriptor descriptor) {
        declared.put(descriptor.productId(), descriptor);
    }

    /**
     * {@code identity} requests that its domain {@code consumer} may read {@code product}, which must be
     * published, for {@code purpose}.
     *
     * @throws MeshProblem 400 without a purpose or with a malformed product id, 403 when {@code identity} is not
     *     the consumer, 404 when the product is not published, 409 when the pair has a pending or approved request
     */
    public AccessRequest request(String identity, String consumer, String product, String purpose) {
        if (consumer == null || consumer.isBlank()) {
            throw MeshProblem.invalid("Say which domain asks for access: \"consumer\": \"" + identity + "\"");
        }
        var id = productId(product);
        if (purpose == null || purpose.isBlank()) {
            throw MeshProblem.invalid(
                    "Say what " + UserText.name(consumer) + " needs " + id + " for: add"
                            + " \"purpose\", for example \"purpose\": \"ship the orders checkout took\"; the owner decides on it");
        }
        String said = bounded(purpose, "purpose");
        if (!knownDomains.test(consumer)) {
            throw MeshProblem.forbidden(
                    "Unknown domain",
                    "'" + UserText.name(consumer) + "' is not a domain of this mesh, so nothing can be granted to it");
        }
        if (!consumer.equals(identity)) {
            throw MeshProblem.forbidden(
                    "Not the consumer",
                    "Only domain " + UserText.name(consumer) + " may request access for itself, and your"
                            + " credentials act for " + identity + ": use " + UserText.name(consumer)
                            + "'s, or request for " + identity);
        }
        if (id.domain().equals(consumer)) {
            throw MeshProblem.invalid(consumer + " owns " + id + " and reads it without a grant");
        }
        if (mesh.latest(id).isEmpty()) {
            throw MeshProblem.notFound(
                    "Unknown product",
                    "No product " + id + " is published, so there is nothing to request yet. Published products: "
                            + publishedProducts());
        }
        return file(consumer, id, said, identity);
    }

    /**
     * The platform's request for a product a domain's descriptor declares as an input port: filed once, when the
     * pair has no request at all, whether or not the product is published yet. With {@code standingAgreement}, a
     * pending request of the pair is approved in the owner team's name, as the owner's standing agreement to
     * serve what consumers declare; a rejected or revoked one is left as the owner decided.
     */
    public AccessRequest declareInputPort(
            String consumer, ProductId product, String purpose, boolean standingAgreement) {
        entries.catchUp();
        AccessRequest latest;
        try {
            latest = latest(consumer, product)
                    .orElseGet(() -> file(consumer, product, purpose, consumer + " (declared input port)"));
        } catch (MeshProblem filedMeanwhile) { // by another process of the mesh
            latest = latest(consumer, product).orElseThrow(() -> filedMeanwhile);
        }
        if (standingAgreement && latest.state() == AccessState.PENDING) {
            try {
                return change(
                        latest.id(),
                        AccessState.APPROVED,
                        ownerTeam(product) + " (standing agreement)",
                        "the owner serves every input port a domain declares"
                                + " (mesh.access.approve-declared-input-ports)");
            } catch (MeshProblem decidedMeanwhile) {
                return find(latest.id()).orElseThrow();
            }
        }
        return latest;
    }

    /** The owner domain {@code identity} approves a pending request. */
    public AccessRequest approve(String id, String identity, String reason) {
        return decide(id, identity, AccessState.APPROVED, reason == null || reason.isBlank() ? null : reason);
    }

    /** The owner domain {@code identity} rejects a pending request; it must say why. */
    public AccessRequest reject(String id, String identity, String reason) {
        return decide(id, identity, AccessState.REJECTED, required(reason, "rejects"));
    }

    /** The owner domain {@code identity} revokes an approved request; it must say why. Reads stop at once. */
    public AccessRequest revoke(String id, String identity, String reason) {
        return decide(id, identity, AccessState.REVOKED, required(reason, "revokes"));
    }

    public Optional<AccessRequest> find(String id) {
        entries.catchUp();
        synchronized (requests) {
            return Optional.ofNullable(requests.get(id));
        }
    }

    /** The requests matching every filter given (null matches all), newest first. */
    public List<AccessRequest> list(String product, String consumer, AccessState state) {
        entries.catchUp();
        return select(product, consumer, state);
    }

    /** Like {@link #list}, from what this process has read so far. */
    private List<AccessRequest> select(String product, String consumer, AccessState state) {
        synchronized (requests) {
            var newestFirst = new ArrayList<>(requests.values());
            Collections.reverse(newestFirst);
            return newestFirst.stream()
                    .filter(request -> product == null || request.product().equals(product))
                    .filter(request -> consumer == null || request.consumer().equals(consumer))
                    .filter(request -> state == null || request.state() == state)
                    .toList();
        }
    }

    /** The products {@code consumer} has been granted and not revoked, by id. */
    public List<String> grants(String consumer) {
        return list(null, consumer, AccessState.APPROVED).stream()
                .map(AccessRequest::product)
                .distinct()
                .sorted()
                .toList();
    }

    public boolean isGranted(String consumer, ProductId product) {
        return product.domain().equals(consumer)
                || list(product.toString(), consumer, AccessState.APPROVED).size() > 0;
    }

    @Override
    public Optional<String> refusal(String consumer, ProductId product) {
        if (isGranted(consumer, product)) {
            return Optional.empty();
        }
        var pending = list(product.toString(), consumer, AccessState.PENDING);
        if (!pending.isEmpty()) {
            return Optional.of(consumer + " is not granted " + product + ": its request "
                    + pending.get(0).id()
                    + " waits for " + ownerTeam(product) + " to approve it (POST /api/access/requests/"
                    + pending.get(0).id() + "/approve as a member or client of " + product.domain() + ")");
        }
        return Optional.of(consumer + " is not granted " + product + ": " + howToRequest(consumer, product));
    }

    /** How {@code consumer} asks for {@code product}, for messages that refuse a read. */
    public String howToRequest(String consumer, ProductId product) {
        return "request access with POST /api/access/requests {\"consumer\":\"" + consumer + "\",\"product\":\""
                + product + "\",\"purpose\":\"...\"} with " + consumer + "'s token, then "
                + ownerTeam(product) + " approves it";
    }

    @Override
    public Set<String> hiddenColumns(String consumer, PublishedPort port) {
        return restricted.hiddenFrom(consumer, port);
    }

    /** The ids of the published products, for messages that list what exists. */
    public List<String> publishedProducts() {
        return mesh.ports().stream()
                .map(port -> port.product().toString())
                .distinct()
                .toList();
    }

    private AccessRequest file(String consumer, ProductId product, String purpose, String actor) {
        var entry = entries.append(() -> {
            var open =
                    latest(consumer, product).filter(request -> request.state().isOpen());
            if (open.isPresent()) {
                throw MeshProblem.conflict(
                        "Already requested",
                        consumer + " already has request " + open.get().id() + " for " + product + ", which is "
                                + open.get().state().label() + " (GET /api/access/requests/"
                                + open.get().id() + ")");
            }
            var now = clock.instant();
            var request = new AccessRequest(
                    UUID.randomUUID().toString(),
                    consumer,
                    product.toString(),
                    purpose,
                    AccessState.PENDING,
                    now,
                    List.of());
            return LogEntry.filed(request, actor);
        });
        log.info("{} requested {} for: {}", consumer, product, purpose);
        return find(entry.id()).orElseThrow();
    }

    private AccessRequest decide(String id, String identity, AccessState to, String reason) {
        var request = find(id).orElseThrow(() -> unknown(id));
        String said = reason == null ? null : bounded(reason, "reason");
        var product = ProductId.parse(request.product());
        if (!product.domain().equals(identity)) {
            throw MeshProblem.forbidden(
                    "Not the owner",
                    "Only " + product.domain() + ", the owner of " + product + ", may " + verb(to) + " request " + id
                            + ", and your credentials act for " + UserText.name(identity) + ": log in as a member of "
                            + product.domain() + " or use its client");
        }
        if (to == AccessState.APPROVED && !knownDomains.test(request.consumer())) {
            throw MeshProblem.forbidden(
                    "Unknown domain",
                    "Request " + id + " is for '" + UserText.name(request.consumer()) + "', which is not a domain of"
                            + " this mesh: nothing is granted to a domain that does not exist; reject the request");
        }
        var decided = change(id, to, identity, said);
        log.info(
                "{} {} the request of {} for {}{}",
                identity,
                to.label(),
                request.consumer(),
                product,
                said == null ? "" : ": " + said);
        return decided;
    }

    private AccessRequest change(String id, AccessState to, String actor, String reason) {
        entries.append(() -> {
            AccessRequest current;
            synchronized (requests) {
                current = requests.get(id);
            }
            if (current == null) {
                throw new NoSuchElementException("No access request " + id);
            }
            var from = current.state();
            boolean allowed = (from == AccessState.PENDING && to != AccessState.REVOKED)
                    || (from == AccessState.APPROVED && to == AccessState.REVOKED);
            if (!allowed) {
                throw MeshProblem.conflict(
                        "Invalid transition",
                        "Request " + id + " is " + from.label() + " and cannot be " + to.label() + ": "
                                + (from == AccessState.PENDING
                                        ? "a pending request is approved or rejected"
                                        : from == AccessState.APPROVED
                                                ? "an approved request can only be revoked"
                                                : "a " + from.label()
                                                        + " request is final; the consumer requests again"));
            }
            return LogEntry.changed(id, new StateChange(to, actor, clock.instant(), reason));
        });
        return find(id).orElseThrow();
    }

    private Optional<AccessRequest> latest(String consumer, ProductId product) {
        return select(product.toString(), consumer, null).stream().findFirst();
    }

    private void apply(LogEntry entry) {
        synchronized (requests) {
            if (entry.state() == AccessState.PENDING && entry.consumer() != null) {
                requests.put(
                        entry.id(),
                        new AccessRequest(
                                entry.id(),
                                entry.consumer(),
                                entry.product(),
                                entry.purpose(),
                                AccessState.PENDING,
                                entry.at(),
                                List.of(entry.change())));
            } else if (requests.containsKey(entry.id())) {
                requests.put(entry.id(), requests.get(entry.id()).then(entry.change()));
            } else {
                log.warn("The access log names request {}, which it never filed; skipping", entry.id());
            }
        }
    }

    /** The request {@code id} is not known: a refusal that repeats a bounded part of the id. */
    public static MeshProblem unknown(String id) {
        return MeshProblem.notFound(
                "Unknown access request",
                "There is no access request " + UserText.name(id) + ": GET /api/access/requests lists them");
    }

    /**
     * A purpose or a reason as the access log keeps it: trimmed, and refused beyond {@value UserText#PURPOSE}
     * characters, since the owner reads it whole in every request's history.
     */
    private static String bounded(String text, String what) {
        String trimmed = text.trim();
        if (trimmed.length() > UserText.PURPOSE) {
            throw MeshProblem.invalid("A " + what + " is at most " + UserText.PURPOSE + " characters and this one has "
                    + trimmed.length() + ": say it in fewer words; the owner reads it in the request's history");
        }
        return trimmed;
    }

    private static ProductId productId(String product) {
        if (product == null || product.isBlank()) {
            throw MeshProblem.invalid("Say which product: \"product\": \"<domain>.<product>\", for example"
                    + " \"product\": \"checkout.orders\"");
        }
        if (product.trim().length() > UserText.NAME) {
            throw MeshProblem.invalid("The product id '" + UserText.name(product.trim()) + "' is longer than any"
                    + " product's: name a product as <domain>.<product>, for example checkout.orders");
        }
        try {
            return ProductId.parse(product.trim());
        } catch (IllegalArgumentException e) {
            throw MeshProblem.invalid(e.getMessage());
        }
    }

    private static String required(String reason, String verb) {
        if (reason == null || reason.isBlank()) {
            throw MeshProblem.invalid("Say why the owner " + verb + " the request: {\"reason\": \"...\"}; the"
                    + " consumer reads it in the request's history");
        }
        return reason;
    }

    private static String verb(AccessState state) {
        return switch (state) {
            case APPROVED -> "approve";
            case REJECTED -> "reject";
            case REVOKED -> "revoke";
            case PENDING -> "request";
        };
    }
}
