package dev.meshshop.governance;

import dev.meshshop.platform.storage.AccessCheck;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.PublishGate;
import dev.meshshop.platform.storage.PublishedPort;
import java.util.function.Function;

/**
 * The publish gate of federated governance: a snapshot whose product breaks a blocking policy is refused, and
 * the port keeps serving its last good snapshot. Policies are evaluated on the descriptor and contracts, the
 * domain's SQL models and topics, the staged data, the contract the port was last published under, and the grants
 * the publishing domain holds.
 */
public final class GovernanceGate implements PublishGate {

    static final String NAME = "governance";

    private final Policies policies;
    private final MeshDirectory published;
    private final Function<String, DomainSources> sourcesOfDomain;
    private final AccessCheck grants;

    /**
     * @param published where the previously published contracts are read from
     * @param sourcesOfDomain the SQL models and topics of a domain, by the domain's name
     * @param grants the mesh's access decisions, against which a product's input ports are judged
     */
    public GovernanceGate(
            Policies policies,
            MeshDirectory published,
            Function<String, DomainSources> sourcesOfDomain,
            AccessCheck grants) {
        this.policies = policies;
        this.published = published;
        this.sourcesOfDomain = sourcesOfDomain;
        this.grants = grants;
    }

    @Override
    public Audit audit(StagedSnapshot staged) {
        var id = staged.product().id();
        var base = GovernedProduct.of(staged.product(), staged.publisher(), sourcesOfDomain.apply(staged.publisher()))
                .withGrants(grants);
        var port = base.port(staged.port().outputPort().name()).orElseThrow().withData(staged.dataFile());
        port = published
                .find(id, staged.port().major())
                .map(PublishedPort::contractYaml)
                .map(port::withPreviousContract)
                .orElse(port);
        var report = policies.evaluate(base.with(port));
        long warnings = report.outcomes().stream()
                .filter(outcome -> outcome.status() == ComplianceReport.Status.WARNING)
                .count();
        String summary = report.blocks()
                ? report.toText()
                : report.outcomes().size() + " governance policies checked, " + warnings + " with warnings"
                        + (warnings == 0 ? "" : ":\n" + report.toText());
        return new Audit(NAME, report.blocks(), summary, report.toJson());
    }
}
