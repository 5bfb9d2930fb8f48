package dev.meshshop.domains.customer360;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Customer360's product complies with every policy of the governance guild, as the build sees it. */
class Customer360GovernanceTests {

    @Test
    void theProductOfCustomer360CompliesWithTheMeshPolicies() {
        var customer360 = new Customer360Domain().customer360();
        var sources = DomainSources.fromClasspath(
                customer360.models(), List.of(), getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(customer360.products(), sources);
    }
}
