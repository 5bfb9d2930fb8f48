package dev.meshshop.domains.datascience;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The product of datascience complies with every policy of the governance guild, as the build sees it. */
class DataScienceGovernanceTests {

    @Test
    void theProductOfDataScienceCompliesWithTheMeshPolicies() {
        var domain = new DataScienceDomain().datascience();
        var sources = DomainSources.fromClasspath(
                domain.models(), List.of(), getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(domain.products(), sources);
    }
}
