package dev.meshshop.platform.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshshop.platform.contracts.lint.ContractLinter;
import dev.meshshop.platform.contracts.model.DataContract;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.ProductVersions;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * What the mesh offers, read from the published output ports. Products register themselves by publishing: the
 * catalog keeps no state of its own, so it is never out of date and any number of catalogs can serve one mesh.
 */
public final class Catalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeshDirectory directory;
    private final ProductVersions versions;
    private final Clock clock;

    /** A catalog that judges the products' versions at the wall clock's time. */
    public Catalog(MeshDirectory directory) {
        this(directory, Clock.systemUTC());
    }

    /** @param clock the mesh's time, at which a product's versions are deprecated or retired (ADR 23) */
    public Catalog(MeshDirectory directory, Clock clock) {
        this.directory = directory;
        this.versions = new ProductVersions(directory);
        this.clock = clock;
    }

    /** The data directory the published products lie in. */
    java.nio.file.Path dataDir() {
        return directory.layout().dataDir();
    }

    /**
     * A product as the catalog lists it. {@code gates} tells at a glance how its publish gates (contract,
     * governance policies) stand: {@code passed}, {@code refused} (the newest snapshot was refused and the one
     * before is served; the detail says why) or {@code unchecked} (no gate recorded anything).
     */
    public record ProductSummary(
            String id,
            String domain,
            String kind,
            String owner,
            String description,
            List<String> tags,
            int majorVersion,
            String contractVersion,
            Snapshot latestSnapshot,
            String gates) {}

    /**
     * A product with everything a consumer needs to decide whether to use it.
     *
     * @param schema the contract's objects and their properties, with classifications
     * @param quality the contract checks run on the served snapshot when it was published
     * @param sla the contract's service levels, with what was measured at publish time
     * @param versions every published major version, newest first
     * @param history the kept and refused snapshots of the newest major version, oldest first
     * @param inputs the products this product is built from (its input ports)
     * @param consumers the products built from this one
     */
    public record ProductDetail(
            ProductSummary summary,
            ProductDescriptor descriptor,
            JsonNode contract,
            String dataFile,
            PolicyStatus policies,
            List<SchemaObject> schema,
            List<Check> quality,
            List<ServiceLevel> sla,
            List<Version> versions,
            List<SnapshotHealth> history,
            List<String> inputs,
            List<String> consumers) {}

    /**
     * How the product stood at its publish gates (contract, governance policies, ...): what they found about the
     * snapshot served, and about the newest snapshot they refused since, which is {@code null} if none was.
     */
    public record PolicyStatus(List<GateAudit> served, RefusedSnapshot lastRefused) {}

    /** What one gate found; {@code report} is the gate's full report, such as every policy with its status. */
    public record GateAudit(String gate, boolean blocks, String summary, JsonNode report) {}

    /** A snapshot the gates refused; the product keeps serving the one before. */
    public record RefusedSnapshot(String snapshot, List<GateAudit> audits) {}

    /** A table of the contract. */
    public record SchemaObject(String name, String description, List<Property> properties) {}

    /** A column of the contract; {@code classification} is empty for data that is not personal or confidential. */
    public record Property(
            String name,
            String logicalType,
            String physicalType,
            String description,
            boolean required,
            boolean primaryKey,
            String classification) {}

    /** One contract check as the contract gate ran it. */
    public record Check(
            String check,
            String category,
            String element,
            String status,
            String measured,
            String threshold,
            String detail,
            String fix) {}

    /**
     * A service level of the contract and how it stood when the served snapshot was published. {@code measuredAt}
     * is the mesh's time the contract was tested at, which freshness is measured against: the end of a simulated
     * year, later once the company trades live, or the wall clock's time for a mesh of real data; null if unknown.
     */
    public record ServiceLevel(
            String property,
            String value,
            String unit,
            String element,
            String measured,
            String status,
            Instant measuredAt) {}

    /**
     * A published major version of the product. {@code status} is {@code active}, {@code deprecated} (still
     * refreshed until {@code retiresAt}) or {@code retired} (no longer served; its last snapshot stays on record);
     * {@code consumers} are the products whose input ports are pinned to it, and {@code warning}, for a version that
     * is not active, says what it means for them and how to move to the newest version (ADR 23).
     */
    public record Version(
            int major,
            String contractVersion,
            String snapshot,
            Instant publishedAt,
            long rowCount,
            String status,
            Instant retiresAt,
            List<String> consumers,
            String warning) {}

    /**
     * One snapshot's health, for charts over time. {@code outcome} is {@code served}, {@code kept} (an earlier
     * snapshot still on disk) or {@code refused} (the gates refused it; row count unknown). {@code freshness} is
     * the first freshness service level as measured, in its unit, or null.
     */
    public record SnapshotHealth(
            String snapshot,
            Instant publishedAt,
            String outcome,
            Long rowCount,
            int checksPassed,
            int checksFailed,
            int checksWarned,
            Double freshness,
            String freshnessUnit) {}

    /** A domain as the mesh sees it: its teams, its products and what it reads from other domains. */
    public record DomainInfo(String name, List<String> owners, List<String> products, List<String> reads) {}

    /** Products and the input ports between them, across domains. */
    public record MeshGraph(List<Node> nodes, List<Edge> edges) {

        public record Node(String id, String domain, String kind, String owner) {}

        /** {@code from} feeds {@code to} through an input port pinned to {@code major}. */
        /** An input port: {@code optional} (and only then in JSON) when its domain does not wait for it (ADR 27). */
        public record Edge(
                String from,
                String to,
                int major,

                @com.fasterxml.jackson.annotation.JsonInclude(
                        com.fasterxml.jackson.annotation.JsonInclude.Include.NON_DEFAULT)
                boolean optional) {}
    }

    /** Which products to list; every field is optional and matched without regard to case. */
    public record ProductQuery(String text, String domain, String kind, String tag, String owner) {

        public static final ProductQuery ALL = new ProductQuery(null, null, null, null, null);

        boolean matches(ProductSummary product, List<String> propertyNames) {
            return same(domain, product.domain())
                    && same(kind, product.kind())
                    && same(owner, product.owner())
                    && (blank(tag) || product.tags().stream().anyMatch(candidate -> same(tag, candidate)))
                    && (blank(text) || textMatches(product, propertyNames));
        }

        private boolean textMatches(ProductSummary product, List<String> propertyNames) {
            var haystack = new ArrayList<String>(List.of(product.id(), nullToEmpty(product.description())));
            haystack.addAll(product.tags());
            haystack.addAll(propertyNames);
            String needle = text.trim().toLowerCase(Locale.ROOT);
            return haystack.stream()
                    .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(needle));
        }

        private static boolean same(String wanted, String actual) {
            return blank(wanted) || wanted.trim().equalsIgnoreCase(nullToEmpty(actual));
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    public List<ProductSummary> products() {
        return products(ProductQuery.ALL);
    }

    public List<ProductSummary> products(ProductQuery query) {
        var matching = new ArrayList<ProductSummary>();
        for (PublishedPort port : latestPorts()) {
            var contract = typedContract(port);
            var summary = summary(port, contract);
            if (query.matches(summary, propertyNames(contract))) {
                matching.add(summary);
            }
        }
        return matching;
    }

    public Optional<ProductDetail> product(ProductId id) {
        return directory.latest(id).map(this::detail);
    }

    /** The ids of every published product, for messages that list what exists. */
    /** The snapshot major version {@code major} of {@code id} serves now, for its files. */
    public Optional<PublishedPort> port(ProductId id, int major) {
        return directory.find(id, major);
    }

    public List<String> ids() {
        return latestPorts().stream().map(port -> port.product().toString()).toList();
    }

    public List<DomainInfo> domains() {
        var owners = new TreeMap<String, TreeSet<String>>();
        var products = new TreeMap<String, TreeSet<String>>();
        var reads = new TreeMap<String, TreeSet<String>>();
        for (PublishedPort port : latestPorts()) {
            String domain = port.product().domain();
            var descriptor = port.descriptor();
            if (descriptor.owner() != null) {
                owners.computeIfAbsent(domain, key -> new TreeSet<>()).add(descriptor.owner());
            }
            products.computeIfAbsent(domain, key -> new TreeSet<>())
                    .add(port.product().toString());
            descriptor.inputPorts().forEach(input -> reads.computeIfAbsent(domain, key -> new TreeSet<>())
                    .add(input.product()));
        }
        return products.entrySet().stream()
                .map(entry -> new DomainInfo(
                        entry.getKey(),
                        List.copyOf(owners.getOrDefault(entry.getKey(), new TreeSet<>())),
                        List.copyOf(entry.getValue()),
                        List.copyOf(reads.getOrDefault(entry.getKey(), new TreeSet<>()))))
                .toList();
    }

    public MeshGraph graph() {
        var nodes = new ArrayList<MeshGraph.Node>();
        var edges = new ArrayList<MeshGraph.Edge>();
        for (PublishedPort port : latestPorts()) {
            var descriptor = port.descriptor();
            nodes.add(new MeshGraph.Node(
                    port.product().toString(),
                    port.product().domain(),
                    descriptor.kind().label(),
                    descriptor.owner()));
            descriptor
                    .inputPorts()
                    .forEach(input -> edges.add(new MeshGraph.Edge(
                            input.product(), port.product().toString(), input.major(), input.optional())));
        }
        return new MeshGraph(nodes, edges);
    }

    private ProductDetail detail(PublishedPort port) {
        var contract = typedContract(port);
        var audits = port.audits();
        var contractReport = contractReport(audits);
        var quality = checks(contractReport);
        String id = port.product().toString();
        return new ProductDetail(
                summary(port, contract),
                port.descriptor(),
                publishedContract(port),
                port.dataFile().toString(),
                policies(port),
                schema(contract),
                quality,
                serviceLevels(contract, quality, testedAt(contractReport)),
                versions(port.product()),
                history(port),
                port.descriptor().inputPorts().stream()
                        .map(ProductDescriptor.InputPort::product)
                        .toList(),
                latestPorts().stream()
                        .filter(other -> other.descriptor().inputPorts().stream()
                                .anyMatch(input -> input.product().equals(id)))
                        .map(other -> other.product().toString())
                        .toList());
    }

    private List<PublishedPort> latestPorts() {
        return directory.ports().stream()
                .map(PublishedPort::product)
                .distinct()
                .map(id -> directory.latest(id).orElseThrow(NoSuchElementException::new))
                .toList();
    }

    private List<Version> versions(ProductId product) {
        var now = clock.instant();
        var latest = latestPorts();
        return directory.ports().stream()
                .filter(port -> port.product().equals(product))
                .sorted(Comparator.comparingInt(PublishedPort::major).reversed())
                .map(port -> {
                    var lifecycle = ProductVersions.Lifecycle.of(port.contractYaml());
                    var state = lifecycle.stateAt(now);
                    var consumers = latest.stream()
                            .filter(other -> other.descriptor().inputPorts().stream()
                                    .anyMatch(input -> input.product().equals(product.toString())
                                            && input.major() == port.major()))
                            .map(other -> other.product().toString())
                            .toList();
                    String warning =
                            switch (state) {
                                case ACTIVE -> null;
                                case DEPRECATED ->
                                    versions.warning(port, now).orElse(null)
                                            + (consumers.isEmpty() ? "" : " Still pinned to it: " + consumers + ".");
                                case RETIRED ->
                                    product + " v" + port.major() + " is retired: readers still pinned"
                                            + " to it are refused. " + versions.advice(port)
                                            + (consumers.isEmpty() ? "" : " Still pinned to it: " + consumers + ".");
                            };
                    return new Version(
                            port.major(),
                            port.snapshot().contractVersion(),
                            port.snapshot().id(),
                            port.snapshot().publishedAt(),
                            port.snapshot().rowCount(),
                            state.label(),
                            lifecycle.retiresAt(),
                            consumers,
                            warning);
                })
                .toList();
    }

    private static List<SnapshotHealth> history(PublishedPort served) {
        var history = new ArrayList<SnapshotHealth>();
        for (PublishedPort kept : served.history()) {
            var checks = checks(contractReport(kept.audits()));
            boolean isServed = kept.snapshot().id().equals(served.snapshot().id());
            history.add(health(
                    kept.snapshot().id(),
                    kept.snapshot().publishedAt(),
                    isServed ? "served" : "kept",
                    kept.snapshot().rowCount(),
                    checks));
        }
        for (PublishedPort.Refusal refusal : served.refusals()) {
            history.add(health(
                    refusal.snapshotId(),
                    refusal.stagedAt(),
                    "refused",
                    null,
                    checks(contractReport(refusal.audits()))));
        }
        history.sort(Comparator.comparing(SnapshotHealth::publishedAt));
        return history;
    }

    private static SnapshotHealth health(String id, Instant at, String outcome, Long rows, List<Check> checks) {
        var freshness = checks.stream()
                .filter(check -> check.check().equals("freshness"))
                .findFirst();
        return new SnapshotHealth(
                id,
                at,
                outcome,
                rows,
                count(checks, "PASSED"),
                count(checks, "FAILED"),
                count(checks, "WARNING"),
                freshness.map(check -> leadingNumber(check.measured())).orElse(null),
                freshness.map(check -> unit(check.measured())).orElse(null));
    }

    private static int count(List<Check> checks, String status) {
        return (int) checks.stream()
                .filter(check -> check.status().equalsIgnoreCase(status))
                .count();
    }

    private static Double leadingNumber(String measured) {
        if (measured == null) {
            return null;
        }
        String number = measured.trim().split("\\s+")[0];
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unit(String measured) {
        String[] parts = measured == null ? new String[0] : measured.trim().split("\\s+");
        return parts.length > 1 ? parts[1] : "";
    }

    private static ProductSummary summary(PublishedPort port, Optional<DataContract> contract) {
        var descriptor = port.descriptor();
        return new ProductSummary(
                port.product().toString(),
                port.product().domain(),
                descriptor.kind().label(),
                descriptor.owner(),
                descriptor.description(),
                contract.map(DataContract::tags).orElse(List.of()),
                port.major(),
                port.snapshot().contractVersion(),
                port.snapshot(),
                gates(port));
    }

    private static String gates(PublishedPort port) {
        if (port.lastRefusal().isPresent()) {
            return "refused";
        }
        return port.audits().isEmpty() ? "unchecked" : "passed";
    }

    private static PolicyStatus policies(PublishedPort port) {
        return new PolicyStatus(
                audits(port.audits()),
                port.lastRefusal()
                        .map(refusal -> new RefusedSnapshot(refusal.snapshotId(), audits(refusal.audits())))
                        .orElse(null));
    }

    private static List<GateAudit> audits(List<PublishGate.Audit> audits) {
        return audits.stream()
                .map(audit -> new GateAudit(audit.gate(), audit.blocks(), audit.summary(), json(audit.reportJson())))
                .toList();
    }

    /** The contract gate's report among a snapshot's audits, or an empty object if it has none. */
    private static JsonNode contractReport(List<PublishGate.Audit> audits) {
        return audits.stream()
                .filter(audit -> audit.gate().equals("contract"))
                .findFirst()
                .map(audit -> json(audit.reportJson()))
                .orElse(JSON.createObjectNode());
    }

    private static List<Check> checks(JsonNode report) {
        return elements(report.path("checks")).stream()
                .map(check -> new Check(
                        check.path("check").asText(),
                        check.path("category").asText(),
                        check.path("element").asText(),
                        check.path("status").asText(),
                        check.path("measured").asText(),
                        check.path("threshold").asText(),
                        check.path("detail").asText(),
                        check.path("fix").asText()))
                .toList();
    }

    private static List<SchemaObject> schema(Optional<DataContract> contract) {
        return contract.map(DataContract::schema).orElse(List.of()).stream()
                .map(object -> new SchemaObject(
                        nullToEmpty(object.name()),
                        nullToEmpty(object.description()),
                        object.properties().stream()
                                .map(property -> new Property(
                                        nullToEmpty(property.name()),
                                        property.logicalType() == null
                                                ? ""
                                                : property.logicalType().odcsName(),
                                        nullToEmpty(property.physicalType()),
                                        nullToEmpty(property.description()),
                                        property.required(),
                                        property.primaryKey(),
                                        nullToEmpty(property.classification())))
                                .toList()))
                .toList();
    }

    /** The mesh's time the contract gate tested the snapshot at, if its report says. */
    private static Instant testedAt(JsonNode contractReport) {
        String at = contractReport.path("testedAt").asText("");
        try {
            return at.isEmpty() ? null : Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static List<ServiceLevel> serviceLevels(
            Optional<DataContract> contract, List<Check> quality, Instant testedAt) {
        Map<String, Check> measured = new TreeMap<>();
        quality.stream()
                .filter(check -> check.category().equalsIgnoreCase("SLA"))
                .forEach(check -> measured.putIfAbsent(check.check() + "|" + check.element(), check));
        return contract.map(DataContract::slaProperties).orElse(List.of()).stream()
                .map(level -> {
                    String property = nullToEmpty(level.property());
                    String element = nullToEmpty(level.element());
                    var check = Optional.ofNullable(measured.get(property + "|" + element));
                    return new ServiceLevel(
                            property,
                            level.value() == null ? "" : level.value().toString(),
                            nullToEmpty(level.unit()),
                            element,
                            check.map(Check::measured).orElse(""),
                            check.map(Check::status).orElse("not measured"),
                            check.isPresent() ? testedAt : null);
                })
                .toList();
    }

    private static List<String> propertyNames(Optional<DataContract> contract) {
        return contract.map(DataContract::schema).orElse(List.of()).stream()
                .flatMap(object -> object.properties().stream())
                .map(property -> nullToEmpty(property.name()))
                .toList();
    }

    private static List<JsonNode> elements(JsonNode array) {
        return array.isArray()
                ? StreamSupport.stream(array.spliterator(), false).toList()
                : List.of();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /**
     * The contract of the snapshot in the typed model, which the catalog's schema, service levels, tags and search
     * are read from; empty for a contract that does not lint (published without the contract gate).
     */
    private static Optional<DataContract> typedContract(PublishedPort port) {
        return ContractLinter.lint(port.contractYaml(), "the contract of " + port.product())
                .contract();
    }

    /** The contract document as it was published, which the detail shows as it is. */
    private static JsonNode publishedContract(PublishedPort port) {
        try {
            return YAML.readTree(port.contractYaml());
        } catch (IOException e) {
            throw new UncheckedIOException("The contract of " + port.product() + " is not valid YAML", e);
        }
    }
}
