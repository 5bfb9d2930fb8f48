package dev.meshshop.platform.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.ProductDescriptor;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** What the mesh offers, read from the published output ports. */
public final class Catalog {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeshDirectory directory;

    public Catalog(MeshDirectory directory) {
        this.directory = directory;
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
            int majorVersion,
            String contractVersion,
            Snapshot latestSnapshot,
            String gates) {}

    /** A product with everything a consumer needs to decide whether to use it. */
    public record ProductDetail(
            ProductSummary summary,
            ProductDescriptor descriptor,
            JsonNode contract,
            String dataFile,
            PolicyStatus policies) {}

    /**
     * How the product stood at its publish gates (contract, governance policies, ...): what they found about the
     * snapshot served, and about the newest snapshot they refused since, which is {@code null} if none was.
     */
    public record PolicyStatus(List<GateAudit> served, RefusedSnapshot lastRefused) {}

    /** What one gate found; {@code report} is the gate's full report, such as every policy with its status. */
    public record GateAudit(String gate, boolean blocks, String summary, JsonNode report) {}

    /** A snapshot the gates refused; the product keeps serving the one before. */
    public record RefusedSnapshot(String snapshot, List<GateAudit> audits) {}

    public List<ProductSummary> products() {
        return latestPorts().stream().map(Catalog::summary).toList();
    }

    public Optional<ProductDetail> product(ProductId id) {
        return directory
                .latest(id)
                .map(port -> new ProductDetail(
                        summary(port),
                        port.descriptor(),
                        contract(port),
                        port.dataFile().toString(),
                        policies(port)));
    }

    /** The ids of every published product, for messages that list what exists. */
    public List<String> ids() {
        return latestPorts().stream().map(port -> port.product().toString()).toList();
    }

    private List<PublishedPort> latestPorts() {
        return directory.ports().stream()
                .map(PublishedPort::product)
                .distinct()
                .map(id -> directory.latest(id).orElseThrow(NoSuchElementException::new))
                .toList();
    }

    private static ProductSummary summary(PublishedPort port) {
        var descriptor = port.descriptor();
        return new ProductSummary(
                port.product().toString(),
                port.product().domain(),
                descriptor.kind().label(),
                descriptor.owner(),
                descriptor.description(),
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

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static JsonNode contract(PublishedPort port) {
        try {
            return YAML.readTree(port.contractYaml());
        } catch (IOException e) {
            throw new UncheckedIOException("The contract of " + port.product() + " is not valid YAML", e);
        }
    }
}
