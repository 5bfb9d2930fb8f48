package dev.meshshop.domains.fulfillment;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import dev.meshshop.platform.events.EventType;
import org.junit.jupiter.api.Test;

/**
 * Fulfillment's products comply with every policy of the governance guild, as the build sees them. Their
 * published data is scanned for personal data in clear at publish time, which {@link FulfillmentPathTests}
 * checks.
 */
class FulfillmentGovernanceTests {

    @Test
    void everyProductOfFulfillmentCompliesWithTheMeshPolicies() {
        var fulfillment = new FulfillmentDomain().fulfillment();
        var sources = DomainSources.fromClasspath(
                fulfillment.models(),
                fulfillment.eventTypes().stream().map(EventType::topic).toList(),
                getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(fulfillment.products(), sources);
    }
}
