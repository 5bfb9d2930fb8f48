package dev.meshshop.platform.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.contracts.DataContracts;
import dev.meshshop.platform.contracts.diff.Change;
import dev.meshshop.platform.contracts.diff.ContractDiff;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The major versions of a product side by side (ADR 23). A breaking change publishes a new major version as a new
 * output port next to the old one; the old one's contract says, in ODCS, until when it is still served: {@code
 * status: deprecated} and the custom property {@code retiresAt}, an instant. Until then the producer refreshes both,
 * and readers of the old one are warned; from then on it is retired: the producer no longer publishes it, and readers
 * still pinned to it are refused with how to migrate. "Now" is always the mesh's time, never the wall clock's, so a
 * mesh judging a simulated year judges its versions as of the same instant.
 *
 * <p>Versions are addressed as the port's folder is named: an input port pins {@code version: v1}, and SQL reads
 * {@code fulfillment.returns_v1}; {@code fulfillment.returns} is the newest major version.
 */
public final class ProductVersions {

    /** The custom property of a deprecated contract that says when its major version retires: an ISO instant. */
    public static final String RETIRES_AT = "retiresAt";

    /** The custom property of a deprecated contract that tells consumers, in the producer's words, how to move. */
    public static final String MIGRATION = "migration";

    /**
     * The placeholder that resolves {@code mesh.as-of} in Spring's {@code @Value}, empty when it is not set: for a
     * process that reads the mesh without running its clock, such as a catalog or query service of its own.
     */
    public static final String AS_OF_PLACEHOLDER = "${mesh.as-of:}";

    private static final Pattern VERSIONED = Pattern.compile("(.+)_v([0-9]+)");

    private final MeshDirectory mesh;

    public ProductVersions(MeshDirectory mesh) {
        this.mesh = mesh;
    }

    /** Where a major version of a product stands at a given instant. */
    public enum State {
        ACTIVE,
        DEPRECATED,
        RETIRED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a contract says about its major version's life: its ODCS {@code status}, and for a deprecated one when it
     * retires and how to migrate (both may be null).
     */
    public record Lifecycle(String status, Instant retiresAt, String migration) {

        /** The lifecycle a contract states; an unreadable contract or one without a status is active. */
        public static Lifecycle of(String contractYaml) {
            JsonNode contract;
            try {
                contract = DataProduct.YAML.readTree(contractYaml);
            } catch (IOException e) {
                return new Lifecycle("active", null, null);
            }
            if (contract == null || !contract.isObject()) {
                return new Lifecycle("active", null, null);
            }
            String retiresAt = ProductDescriptor.customProperty(contract, RETIRES_AT)
                    .map(JsonNode::asText)
                    .orElse(null);
            Instant retires = null;
            if (retiresAt != null) {
                try {
                    retires = Instant.parse(retiresAt);
                } catch (DateTimeParseException e) {
                    throw new StorageException("The custom property " + RETIRES_AT + " of contract "
                            + contract.path("id").asText() + " must be an instant such as 2026-03-01T00:00:00Z, was '"
                            + retiresAt + "'");
                }
            }
            return new Lifecycle(
                    contract.path("status").asText("active"),
                    retires,
                    ProductDescriptor.customProperty(contract, MIGRATION)
                            .map(JsonNode::asText)
                            .orElse(null));
        }

        /**
         * Where the version stands at {@code now}: retired once its contract says {@code retired}, or when a
         * deprecated one's {@code retiresAt} has come; deprecated before that; else active.
         */
        public State stateAt(Instant now) {
            boolean deprecated = "deprecated".equalsIgnoreCase(status);
            if ("retired".equalsIgnoreCase(status) || (deprecated && retiresAt != null && !now.isBefore(retiresAt))) {
                return State.RETIRED;
            }
            return deprecated ? State.DEPRECATED : State.ACTIVE;
        }
    }

    /**
     * A product as a reader names it: {@code fulfillment.returns} (the newest major version, {@code major} empty) or
     * {@code fulfillment.returns_v1} (major version 1).
     */
    public record Address(ProductId product, Optional<Integer> major) {

        /** The product and major version {@code name} addresses; a name without a version suffix is the newest. */
        public static Address of(ProductId name) {
            var matcher = VERSIONED.matcher(name.name());
            if (!matcher.matches()) {
                return new Address(name, Optional.empty());
            }
            return new Address(
                    new ProductId(name.domain(), matcher.group(1)), Optional.of(Integer.parseInt(matcher.group(2))));
        }

        @Override
        public String toString() {
            return major.map(m -> versioned(product, m)).orElse(product.toString());
        }
    }

    /**
     * The clock readers judge versions by: the mesh's own when the process runs one, else {@code mesh.as-of} when it
     * is set, standing still there, else the wall clock.
     */
    public static Clock readersClock(Clock meshClock, String asOf) {
        if (meshClock != null) {
            return meshClock;
        }
        return asOf == null || asOf.isBlank()
                ? Clock.systemUTC()
                : Clock.fixed(Instant.parse(asOf.trim()), ZoneOffset.UTC);
    }

    /** The name SQL reads major version {@code major} of {@code product} by: {@code fulfillment.returns_v1}. */
    public static String versioned(ProductId product, int major) {
        return product + "_v" + major;
    }

    /**
     * The snapshot a reader of {@code name} gets at {@code now}: the newest major version, or the one the name pins.
     * A name that is a product of its own (published under that very id) is that product. Empty when nothing by that
     * name is published.
     *
     * @throws VersionRetired when the name pins a major version that is retired at {@code now}
     */
    public Optional<PublishedPort> resolve(ProductId name, Instant now) {
        var exact = mesh.latest(name);
        if (exact.isPresent()) {
            return exact;
        }
        var address = Address.of(name);
        if (address.major().isEmpty()) {
            return Optional.empty();
        }
        return mesh.find(address.product(), address.major().get()).map(port -> served(port, now));
    }

    /**
     * The snapshot of major version {@code major} of {@code product}, if published.
     *
     * @throws VersionRetired when that major version is retired at {@code now}
     */
    public Optional<PublishedPort> find(ProductId product, int major, Instant now) {
        return mesh.find(product, major).map(port -> served(port, now));
    }

    private PublishedPort served(PublishedPort port, Instant now) {
        if (stateAt(port, now) == State.RETIRED) {
            throw new VersionRetired(
                    port.product() + " v" + port.major() + " is retired and no longer served. " + advice(port));
        }
        return port;
    }

    /** The state of a published version at {@code now}, as its last snapshot's contract says. */
    public static State stateAt(PublishedPort port, Instant now) {
        return Lifecycle.of(port.contractYaml()).stateAt(now);
    }

    /**
     * A warning for readers of {@code port} when it is deprecated at {@code now}: until when it is served and how to
     * move; empty for an active version.
     */
    public Optional<String> warning(PublishedPort port, Instant now) {
        var lifecycle = Lifecycle.of(port.contractYaml());
        if (lifecycle.stateAt(now) != State.DEPRECATED) {
            return Optional.empty();
        }
        return Optional.of(port.product() + " v" + port.major() + " is deprecated"
                + (lifecycle.retiresAt() == null
                        ? ""
                        : " and retires at " + lifecycle.retiresAt() + ", when readers still pinned to it are refused")
                + ". " + advice(port));
    }

    /**
     * How a reader of {@code port} moves to the newest major version: what to pin, in a descriptor and in SQL, and the
     * breaking changes between the two contracts (what was renamed, retyped or removed), with the producer's own
     * words when its contract has them.
     */
    public String advice(PublishedPort port) {
        var lifecycle = Lifecycle.of(port.contractYaml());
        var successor = mesh.latest(port.product()).filter(newest -> newest.major() > port.major());
        var text = new StringBuilder();
        if (successor.isEmpty()) {
            text.append("No newer major version of ")
                    .append(port.product())
                    .append(" is published: ask its owner what replaces it.");
        } else {
            var next = successor.get();
            text.append("Move to v")
                    .append(next.major())
                    .append(": pin it on your input port (version: v")
                    .append(next.major())
                    .append("; the view keeps its name, ")
                    .append(InputPorts.viewName(port.product()))
                    .append("), or read ")
                    .append(versioned(port.product(), next.major()))
                    .append(" (or ")
                    .append(port.product())
                    .append(", the newest version) in SQL.");
            var changes = changes(port, next);
            if (!changes.isEmpty()) {
                text.append(" What changed from ")
                        .append(port.snapshot().contractVersion())
                        .append(" to ")
                        .append(next.snapshot().contractVersion())
                        .append(": ")
                        .append(changes.stream()
                                .map(change -> change.path() + " (" + change.description() + ")")
                                .collect(Collectors.joining("; ")))
                        .append('.');
            }
        }
        if (lifecycle.migration() != null && !lifecycle.migration().isBlank()) {
            text.append(' ').append(lifecycle.migration().trim());
        }
        return text.toString();
    }

    /**
     * What a reader of {@code older} must change to read {@code newer}: the breaking changes between their contracts
     * (columns removed, renamed or retyped, rules tightened) and the columns added; empty if either does not parse.
     */
    public static List<Change> changes(PublishedPort older, PublishedPort newer) {
        try {
            return ContractDiff.compare(
                            DataContracts.parse(
                                    older.contractYaml(), "the contract of " + older.product() + " v" + older.major()),
                            DataContracts.parse(
                                    newer.contractYaml(), "the contract of " + newer.product() + " v" + newer.major()))
                    .changes()
                    .stream()
                    .filter(change ->
                            change.isBreaking() || change.description().endsWith("property added"))
                    .toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The warnings for a consumer's {@code ports} at {@code now}, one per port pinned to a deprecated version, each
     * naming the port and saying how to move.
     */
    public List<String> warnings(String consumer, List<ProductDescriptor.InputPort> ports, Instant now) {
        var warnings = new ArrayList<String>();
        for (var port : ports) {
            mesh.find(ProductId.parse(port.product()), port.major())
                    .flatMap(published -> warning(published, now))
                    .ifPresent(warning -> warnings.add("Input port " + port.product() + " v" + port.major()
                            + " of domain " + consumer + ": " + warning));
        }
        return warnings;
    }

    /** A reader asked for a major version that is retired; the message says how to migrate. */
    public static final class VersionRetired extends StorageException {

        public VersionRetired(String message) {
            super(message);
        }
    }
}
