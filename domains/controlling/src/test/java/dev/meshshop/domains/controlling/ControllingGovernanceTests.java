package dev.meshshop.domains.controlling;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The product of controlling complies with every policy of the governance guild, as the build sees it. */
class ControllingGovernanceTests {

    @Test
    void theProductOfControllingCompliesWithTheMeshPolicies() {
        var domain = new ControllingDomain().controlling();
        var sources = DomainSources.fromClasspath(
                domain.models(), List.of(), getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(domain.products(), sources);
    }
}
