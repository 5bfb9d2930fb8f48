package dev.meshshop.domains.{{domain}};

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import dev.meshshop.platform.events.EventType;
import org.junit.jupiter.api.Test;

/** The products of {{domain}} comply with every policy of the governance guild, as the build sees them. */
class {{Domain}}GovernanceTests {

    @Test
    void everyProductCompliesWithTheMeshPolicies() {
        var domain = new {{Domain}}Domain().{{domain}}();
        var sources = DomainSources.fromClasspath(
                domain.models(),
                domain.eventTypes().stream().map(EventType::topic).toList(),
                getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(domain.products(), sources);
    }
}
