package dev.meshshop.platform.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.ingest.DomainIngestor;
import dev.meshshop.platform.ingest.FileInbox;
import dev.meshshop.platform.ingest.IngestStatus;
import dev.meshshop.platform.pipelines.CleaningReport;
import dev.meshshop.platform.pipelines.CleaningStage;
import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.InputPorts;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.ModelStep;
import dev.meshshop.platform.storage.OutputPortPublisher;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.ProductVersions;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.PublishRefusedException;
import dev.meshshop.platform.storage.RefreshHistory;
import dev.meshshop.platform.storage.Snapshot;
import dev.meshshop.platform.storage.SqlModels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One domain, running: its area, its ingest, and the refresh that turns raw events into published products
 * (clean, model, publish). The platform builds one per {@link MeshDomain}.
 */
public final class DomainRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DomainRuntime.class);

    /** The name under which a product not refreshed for want of a grant is recorded as refused. */
    public static final String ACCESS_GATE = "access";

    /** The name under which a product not refreshed because cleaning did not balance is recorded as refused. */
    public static final String BALANCE_GATE = "balance";

    /** The name under which a product not refreshed because it reads a retired major version is recorded as refused. */
    public static final String VERSION_GATE = "version";

    private static final String UNGRANTED_POLICY = "read-through-granted-input-ports";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeshDomain domain;
    private final DomainArea area;
    private final Optional<DomainIngestor> ingestor;
    private final CleaningStage cleaning;
    private final SqlModels models;
    private final List<DataProduct> products;
    private final OutputPortPublisher publisher;
    private final MeshDirectory mesh;
    private final AccessCheck access;
    private final MeshMetrics metrics;
    private final Clock clock;
    private final List<FileInbox> inboxes;
    private final ProductVersions versions;
    private final String definition;
    private long rawAtLastRefresh = -1;
    private long waitingSince = -1;
    private List<String> inputsAtLastRefresh = List.of();
    private volatile RefreshReport lastRefresh;
    private volatile String lastFailure;
    private final RefreshHistory history;
    private CleaningReport cleanedThisRefresh;

    /**
     * @param clock the mesh's time, at which the major versions of the products it reads and publishes are judged
     *     (deprecated or retired, ADR 23)
     * @param inboxes the inboxes of the domain's file exports, loaded before each refresh decides whether to run
     */
    DomainRuntime(
            MeshDomain domain,
            DomainArea area,
            DomainIngestor ingestor,
            CleaningStage cleaning,
            SqlModels models,
            List<DataProduct> products,
            OutputPortPublisher publisher,
            MeshDirectory mesh,
            AccessCheck access,
            MeshMetrics metrics,
            Clock clock,
            List<FileInbox> inboxes) {
        this.domain = domain;
        this.inboxes = List.copyOf(inboxes);
        this.area = area;
        this.ingestor = Optional.ofNullable(ingestor);
        this.cleaning = cleaning;
        this.models = models;
        this.products = products;
        this.publisher = publisher;
        this.mesh = mesh;
        this.access = access;
        this.metrics = metrics;
        this.history = new RefreshHistory(mesh.layout());
        this.clock = clock;
        this.versions = new ProductVersions(mesh);
        // the domain's area is open, so no other process runs this domain: what its runs left behind is ours
        cleaning.removeLeftovers(area);
        publisher.removeLeftovers(domain.name());
        this.definition = definition();
        recallLastRefresh();
    }

    /**
     * What the last published refresh was made of, kept in the area so that a domain started again on it does not
     * publish the same snapshot a second time: the raw records it had cleaned, the snapshot of each input port, and
     * the domain's definition (see {@link #definition()}). A domain started with another definition, say an edited
     * model, refreshes at once as on its first start.
     */
    static final String LAST_REFRESH = "model.mesh_last_refresh";

    /**
     * A fingerprint of what turns the same data into the same products: the clean zone's shape, the SQL models, the
     * products' descriptors and contracts.
     */
    private String definition() {
        var text = new StringBuilder();
        if (domain.emitsEvents()) {
            String shape;
            try {
                shape = cleaning.fingerprint(domain.cleaning());
            } catch (RuntimeException e) {
                // a cleaning that cannot be composed fails its first refresh, which says why in health: refresh at
                // once, as on a first start
                shape = "not composable " + UUID.randomUUID();
            }
            text.append("cleaning ").append(shape).append('\n');
        }
        for (var model : models.models()) {
            text.append("model ").append(model.resource()).append('\n');
            model.statements().forEach(statement -> text.append(statement).append('\n'));
        }
        for (var step : domain.steps()) {
            text.append("step ")
                    .append(step.name())
                    .append(" -> ")
                    .append(step.product())
                    .append('\n');
        }
        for (var product : products) {
            text.append("product ").append(product.id()).append('\n').append(product.descriptorYaml());
            product.ports().forEach(port -> text.append("contract\n").append(port.contractYaml()));
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void recallLastRefresh() {
        area.withConnection(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + LAST_REFRESH + " (raw_records BIGINT NOT NULL,"
                        + " input_snapshots VARCHAR NOT NULL, definition VARCHAR NOT NULL)");
            }
            try (var select = connection.prepareStatement(
                    "SELECT raw_records, input_snapshots FROM " + LAST_REFRESH + " WHERE definition = ?")) {
                select.setString(1, definition);
                try (var rows = select.executeQuery()) {
                    if (rows.next()) {
                        rawAtLastRefresh = rows.getLong(1);
                        inputsAtLastRefresh = List.of(JSON.readValue(rows.getString(2), String[].class));
                    }
                }
            } catch (JsonProcessingException e) {
                // then the next refresh runs as after a first start and records the state again
                log.warn("{} cannot read what its last refresh was made of: {}", domain.name(), e.getMessage());
            }
            return null;
        });
    }

    private void rememberRefresh(long raw, List<String> inputs) {
        String snapshots;
        try {
            snapshots = JSON.writeValueAsString(inputs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the input snapshots of " + domain.name() + " as JSON", e);
        }
        area.inTransaction(connection -> {
            try (var forget = connection.createStatement();
                    var remember = connection.prepareStatement("INSERT INTO " + LAST_REFRESH + " VALUES (?, ?, ?)")) {
                forget.execute("DELETE FROM " + LAST_REFRESH);
                remember.setLong(1, raw);
                remember.setString(2, snapshots);
                remember.setString(3, definition);
                remember.execute();
            }
            return null;
        });
    }

    public MeshDomain domain() {
        return domain;
    }

    public DomainArea area() {
        return area;
    }

    /**
     * How many records on the domain's topics ingest has not stored yet, asked of the broker now; zero for a
     * domain without events.
     */
    public long ingestRemaining(Admin admin) {
        return ingestor.map(ingest -> ingest.remaining(admin)).orElse(0L);
    }

    /**
     * The ingest lag as the broker last reported it (every {@code mesh.ingest.lag-interval}); zero for a domain
     * without events, -1 until the broker first answered.
     */
    public long ingestLag() {
        return ingestor.map(DomainIngestor::lag).orElse(0L);
    }

    /** How ingest is doing; empty for a domain without events. */
    public Optional<IngestStatus> ingestStatus() {
        return ingestor.map(DomainIngestor::status);
    }

    void startIngest() {
        ingestor.ifPresent(DomainIngestor::start);
    }

    void stopIngest() {
        ingestor.ifPresent(DomainIngestor::stop);
    }

    /** The products of other domains this domain reads, each pinned to a major version. */
    public List<ProductDescriptor.InputPort> inputPorts() {
        return inputPorts(products);
    }

    private static List<ProductDescriptor.InputPort> inputPorts(List<DataProduct> products) {
        return products.stream()
                .flatMap(product -> product.descriptor().inputPorts().stream())
                .distinct()
                .toList();
    }

    /**
     * The products left out of a refresh now: those that read an optional input port whose product is not published
     * yet. The domain's other products go on; these keep what they served (nothing, before their first publish).
     */
    private java.util.Set<ProductId> productsWaiting() {
        return products.stream()
                .filter(product -> product.waitsFor(mesh))
                .map(DataProduct::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Runs the domain's Java steps of the products {@code refreshed}, after its SQL models, with the snapshots its
     * input ports read; returns how long they took. A step that fails fails the refresh, naming the step.
     */
    private Duration runSteps(
            List<DataProduct> refreshed, List<ProductDescriptor.InputPort> ports, java.time.Instant now) {
        long start = System.nanoTime();
        var names = refreshed.stream().map(product -> product.id().name()).collect(java.util.stream.Collectors.toSet());
        var steps = domain.steps().stream()
                .filter(step -> names.contains(step.product()))
                .toList();
        if (steps.isEmpty()) {
            return Duration.ZERO;
        }
        var inputs = new java.util.LinkedHashMap<ProductId, dev.meshshop.platform.storage.PublishedPort>();
        for (var port : ports) {
            var product = ProductId.parse(port.product());
            versions.find(product, port.major(), now).ifPresent(published -> inputs.put(product, published));
        }
        var context = new ModelStep.Context(area, java.util.Map.copyOf(inputs), now);
        for (ModelStep step : steps) {
            long stepStart = System.nanoTime();
            try {
                step.run(context);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "Step " + step.name() + " of domain " + domain.name() + " (product " + step.product()
                                + ") failed: " + e.getMessage(),
                        e);
            }
            log.info(
                    "{}: step {} ran in {} ms",
                    domain.name(),
                    step.name(),
                    Duration.ofNanos(System.nanoTime() - stepStart).toMillis());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Before the input ports are attached (which fails for a port the domain may not read), records a refused
     * snapshot for every product that declares such a port, so that its owner sees in the catalog why it stopped
     * being refreshed: the grant was revoked or never approved.
     */
    private void recordUngrantedInputPorts() {
        for (DataProduct product : products) {
            var refusals = new ArrayList<String>();
            var report = JSON.createObjectNode().put("policy", UNGRANTED_POLICY);
            var ports = report.putArray("inputPorts");
            for (var port : product.descriptor().inputPorts()) {
                var upstream = ProductId.parse(port.product());
                access.refusal(domain.name(), upstream).ifPresent(refusal -> {
                    refusals.add(refusal);
                    ports.addObject().put("product", upstream.toString()).put("refusal", refusal);
                });
            }
            if (!refusals.isEmpty()) {
                publisher.refuse(
                        area,
                        product,
                        new PublishGate.Audit(
                                ACCESS_GATE,
                                true,
                                product.id() + " was not refreshed: " + String.join("; ", refusals),
                                report.toString()));
            }
        }
    }

    /**
     * Before the input ports are attached (which fails for a port pinned to a retired major version), records a
     * refused snapshot for every product that declares such a port, with how to migrate, so that its owner sees in the
     * catalog why it stopped being refreshed.
     */
    private void recordRetiredInputPorts(java.time.Instant now) {
        for (DataProduct product : products) {
            var refusals = new ArrayList<String>();
            for (var port : product.descriptor().inputPorts()) {
                try {
                    versions.find(ProductId.parse(port.product()), port.major(), now);
                } catch (ProductVersions.VersionRetired retired) {
                    refusals.add(retired.getMessage());
                }
            }
            if (!refusals.isEmpty()) {
                String why = product.id() + " was not refreshed: " + String.join("; ", refusals);
                publisher.refuse(
                        area,
                        product,
                        new PublishGate.Audit(
                                VERSION_GATE,
                                true,
                                why,
                                JSON.createObjectNode().put("reason", why).toString()));
            }
        }
    }

    public List<DataProduct> products() {
        return products;
    }

    /** Records, for every product of the domain, that it was not refreshed and why, so the catalog shows it. */
    private void recordRefusal(String gate, String why) {
        for (DataProduct product : products) {
            publisher.refuse(
                    area,
                    product,
                    new PublishGate.Audit(
                            gate,
                            true,
                            product.id() + " was not refreshed: " + why,
                            JSON.createObjectNode()
                                    .put("gate", gate)
                                    .put("reason", why)
                                    .toString()));
        }
    }

    /**
     * What one refresh did, stage by stage. {@code inputPortWarnings} says, for every input port pinned to a deprecated
     * major version, until when it is served and how to move (ADR 23).
     */
    public record RefreshReport(
            String domain,
            CleaningReport cleaning,
            Duration modelTime,
            Duration publishTime,
            List<Snapshot> snapshots,
            List<String> inputPortWarnings) {

        /**
         * This refresh followed by {@code later}, as one: the snapshots of both, a product's later one in place of
         * its earlier one, and the time of both stages.
         */
        public RefreshReport then(RefreshReport later) {
            var merged = new java.util.LinkedHashMap<String, Snapshot>();
            snapshots.forEach(snapshot -> merged.put(snapshot.product() + " v" + snapshot.major(), snapshot));
            later.snapshots().forEach(snapshot -> merged.put(snapshot.product() + " v" + snapshot.major(), snapshot));
            return new RefreshReport(
                    domain,
                    cleaning,
                    modelTime.plus(later.modelTime()),
                    publishTime.plus(later.publishTime()),
                    List.copyOf(merged.values()),
                    inputPortWarnings);
        }
    }

    /**
     * Refreshes the products that read an input port whose producer published since the last refresh, if any did,
     * and nothing else: for a fill, after every domain refreshed once, so that a product reading an optional port
     * published later in the same fill is published too (ADR 27).
     *
     * @return what the refresh did; empty when no input port moved
     */
    public synchronized Optional<RefreshReport> refreshNewInputs() {
        var inputs = inputSnapshots();
        if (inputs.equals(inputsAtLastRefresh) || inputs.contains(UNPUBLISHED)) {
            return Optional.empty();
        }
        return Optional.of(refresh(readsChangedInputPort(inputs)));
    }

    /** The last refresh that succeeded, or null before the first. */
    public RefreshReport lastRefresh() {
        return lastRefresh;
    }

    /** Why the last refresh failed, or null when it succeeded (or none ran yet). */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * Cleans the raw records stored since the last clean, points the input ports at their producers' current snapshots (each must be granted to the
     * domain), runs the models and publishes every product, all of them or none. If any stage fails or a gate refuses any
     * product, the products keep their last good snapshot and the failure is kept for {@link #lastFailure()}.
     */
    public synchronized RefreshReport refresh() {
        return refresh(product -> true);
    }

    /**
     * As {@link #refresh()}, publishing only the products {@code publish} accepts; the others keep their snapshots.
     * For a refresh set off by new snapshots of input ports alone: a product that reads none of them would be
     * published again unchanged under a new snapshot id, and its consumers would refresh for nothing (and a domain
     * that reads a product built from its own, through an optional port, would never stop).
     */
    private RefreshReport refresh(java.util.function.Predicate<DataProduct> publish) {
        var started = Instant.now();
        cleanedThisRefresh = null;
        try {
            var report = refreshStages(publish);
            lastRefresh = report;
            lastFailure = null;
            record(started, "published", null, report);
            return report;
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            boolean refused = e instanceof PublishRefusedException || e instanceof CleaningStage.CleaningNotBalanced;
            record(started, refused ? "refused" : "failed", e.getMessage(), null);
            throw e;
        } finally {
            // so that the write-ahead log holds at most what ingest wrote since
            area.checkpoint();
            // DuckDB creates its files as the umask says; the area's folder keeps others out meanwhile
            try {
                area.makePrivate();
            } catch (RuntimeException e) {
                log.warn(
                        "Cannot make the area of {} readable by the mesh's user only: {}",
                        domain.name(),
                        e.getMessage());
            }
        }
    }

    /**
     * Cleans the raw records stored since the last clean, without modelling or publishing. Products keep their
     * snapshots until the next refresh.
     */
    public synchronized CleaningReport clean() {
        return domain.emitsEvents()
                ? cleaning.run(area, domain.cleaning())
                : CleaningReport.nothingToClean(domain.name());
    }

    /**
     * Cleans the whole raw zone again, replacing the clean zone, without modelling or publishing: what a benchmark
     * of the clean stage repeats in a warm JVM. Products keep their snapshots until the next refresh.
     */
    public synchronized CleaningReport cleanFromScratch() {
        return domain.emitsEvents()
                ? cleaning.runFromScratch(area, domain.cleaning())
                : CleaningReport.nothingToClean(domain.name());
    }

    /**
     * Keeps what this refresh did in the domain's {@link RefreshHistory}, for the catalog to show as its products'
     * operations: the outcome and why, the cleaning report, the snapshots published. Recording never fails a refresh.
     */
    private void record(Instant started, String outcome, String reason, RefreshReport report) {
        try {
            var line = JSON.createObjectNode()
                    .put("at", started.toString())
                    .put("finishedAt", Instant.now().toString())
                    .put("outcome", outcome);
            if (reason != null) {
                line.put("reason", reason.length() > 1_000 ? reason.substring(0, 1_000) + "..." : reason);
            }
            var cleaned = report == null ? cleanedThisRefresh : report.cleaning();
            if (cleaned != null && domain.emitsEvents()) {
                var cleaning = line.putObject("cleaning")
                        .put("input", cleaned.input())
                        .put("clean", cleaned.clean())
                        .put("quarantined", cleaned.quarantined())
                        .put("balanced", cleaned.balanced())
                        .put("cleanMs", cleaned.totalTime().toMillis());
                cleaning.set("quarantinedByRule", JSON.valueToTree(cleaned.quarantinedByRule()));
                cleaning.set("changed", JSON.valueToTree(cleaned.changed()));
                var gaps = cleaning.putArray("gaps");
                cleaned.gaps().forEach(gap -> gaps.addObject()
                        .put("eventType", gap.eventType())
                        .put("from", gap.from().toString())
                        .put("to", gap.to().toString())
                        .put("missingPeriods", gap.missingPeriods())
                        .put("period", gap.period().toString()));
                cleaning.putObject("batch")
                        .put("input", cleaned.batch().input())
                        .put("clean", cleaned.batch().clean())
                        .put("quarantined", cleaned.batch().quarantined())
                        .put("balanced", cleaned.batch().balanced());
            }
            if (report != null) {
                line.put("modelMs", report.modelTime().toMillis())
                        .put("publishMs", report.publishTime().toMillis());
                var snapshots = line.putArray("snapshots");
                report.snapshots().forEach(snapshot -> snapshots
                        .addObject()
                        .put("product", snapshot.product())
                        .put("major", snapshot.major())
                        .put("snapshot", snapshot.id())
                        .put("rowCount", snapshot.rowCount()));
            }
            history.append(domain.name(), line);
        } catch (RuntimeException e) {
            log.warn("Cannot record the refresh of {}: {}", domain.name(), e.getMessage());
        }
    }

    private RefreshReport refreshStages(java.util.function.Predicate<DataProduct> publish) {
        loadFiles();
        var inputs = inputSnapshots();
        CleaningReport cleaned;
        try {
            cleaned = clean();
            cleanedThisRefresh = cleaned;
        } catch (CleaningStage.CleaningNotBalanced e) {
            recordRefusal(BALANCE_GATE, e.getMessage());
            throw e;
        }
        if (domain.emitsEvents()) {
            metrics.cleaned(domain.name(), cleaned);
        }
        recordUngrantedInputPorts();
        var now = clock.instant();
        recordRetiredInputPorts(now);
        var waiting = productsWaiting();
        var refreshed = products.stream()
                .filter(product -> !waiting.contains(product.id()))
                .filter(publish)
                .toList();
        var ports = inputPorts(refreshed);
        InputPorts.attach(area, mesh, ports, access, now);
        var warnings = versions.warnings(domain.name(), ports, now);
        warnings.forEach(warning -> log.warn("{}", warning));
        if (!waiting.isEmpty()) {
            log.info("{} leaves out {} until the optional input ports they read are published", domain.name(), waiting);
        }
        var modelTime = models.run(area).plus(runSteps(refreshed, ports, now));
        long publishStart = System.nanoTime();
        var snapshots = publisher.publishTogether(
                area, refreshed.stream().map(product -> product.servedAt(now)).toList());
        rawAtLastRefresh = cleaned.input();
        inputsAtLastRefresh = inputs;
        rememberRefresh(rawAtLastRefresh, inputs);
        var report = new RefreshReport(
                domain.name(),
                cleaned,
                modelTime,
                Duration.ofNanos(System.nanoTime() - publishStart),
                snapshots,
                warnings);
        log.info(
                "Refreshed {}: clean {} ms, model {} ms, publish {} ms -> {}",
                domain.name(),
                cleaned.totalTime().toMillis(),
                modelTime.toMillis(),
                report.publishTime().toMillis(),
                snapshots.stream()
                        .map(snapshot ->
                                snapshot.product() + " v" + snapshot.major() + " (" + snapshot.rowCount() + " rows)")
                        .toList());
        return report;
    }

    /**
     * Refreshes when new raw records are due by {@code trigger} (collected for at most its debounce, or as many as its
     * batch cap), or at once when an input port's producer published a new snapshot since the last refresh: then the
     * domain reruns its models and publishes, and cleans only what arrived meanwhile. Waits, without failing, while an
     * input port's product is not published yet, and while a domain with events has received none (there is nothing
     * to publish, and an empty product would fail its contract).
     */
    synchronized void refreshIfChanged(RefreshTrigger trigger) {
        loadFiles();
        var inputs = inputSnapshots();
        if (inputs.contains(UNPUBLISHED)) {
            log.debug("{} waits for its input ports {} to be published", domain.name(), inputPorts());
            return;
        }
        long raw = area.queryLong("SELECT count(*) FROM " + DomainArea.RAW_EVENTS);
        if (domain.emitsEvents() && raw == 0) {
            log.debug("{} waits for its first events", domain.name());
            return;
        }
        long now = System.nanoTime();
        long waiting = raw - Math.max(rawAtLastRefresh, 0);
        if (raw == rawAtLastRefresh) {
            waitingSince = -1;
        } else if (waitingSince < 0) {
            waitingSince = now;
        }
        boolean inputsChanged = !inputs.equals(inputsAtLastRefresh);
        if (inputsChanged && raw == rawAtLastRefresh) {
            // only input ports moved: publish the products that read them (all, if it cannot tell which)
            refresh(readsChangedInputPort(inputs));
            waitingSince = -1;
        } else if (inputsChanged || (raw != rawAtLastRefresh && trigger.due(waiting, waitingSince, now))) {
            refresh();
            waitingSince = -1;
        }
    }

    private static final String UNPUBLISHED = "unpublished";

    /**
     * Which products a refresh set off by {@code inputs} publishes: those that read an input port whose snapshot
     * changed since the last refresh, when only input ports did; every product when anything else did too (the files
     * taken, or what was recorded no longer lines up with the ports).
     */
    private java.util.function.Predicate<DataProduct> readsChangedInputPort(List<String> inputs) {
        var ports = inputPorts();
        if (rawAtLastRefresh < 0 || inputs.size() != inputsAtLastRefresh.size()) {
            return product -> true;
        }
        var changed = new java.util.HashSet<ProductDescriptor.InputPort>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(inputsAtLastRefresh.get(i))) {
                if (i >= ports.size()) {
                    return product -> true;
                }
                changed.add(ports.get(i));
            }
        }
        return product -> product.descriptor().inputPorts().stream().anyMatch(changed::contains);
    }

    /** An optional input port not published yet: the domain does not wait for it. */
    private static final String NOT_YET = "not yet published";

    /**
     * What the domain reads besides its raw events, as it is now: the snapshot each input port reads, in port order,
     * then how many files each of its file exports has taken. A change in any of them refreshes the domain at once.
     */
    private List<String> inputSnapshots() {
        var inputs = new ArrayList<String>();
        inputPorts().stream()
                .map(port -> mesh.find(ProductId.parse(port.product()), port.major())
                        .map(published -> published.snapshot().id())
                        .orElse(port.optional() ? NOT_YET : UNPUBLISHED))
                .forEach(inputs::add);
        inboxes.forEach(inbox -> inputs.add("files " + inbox.export().name() + ": " + inbox.filesTaken()));
        return List.copyOf(inputs);
    }

    /**
     * Takes the files delivered to the domain's inboxes into its raw zone. A file that cannot be taken stays in the
     * inbox and is tried again; it never stops the refresh.
     */
    private void loadFiles() {
        for (FileInbox inbox : inboxes) {
            try {
                inbox.load();
            } catch (RuntimeException e) {
                log.warn(
                        "{} could not load the inbox of export {}: {}",
                        domain.name(),
                        inbox.export().name(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        stopIngest();
        area.close();
    }
}
