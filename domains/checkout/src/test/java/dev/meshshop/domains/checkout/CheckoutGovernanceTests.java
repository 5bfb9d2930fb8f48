package dev.meshshop.domains.checkout;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import dev.meshshop.platform.events.EventType;
import org.junit.jupiter.api.Test;

/** Checkout's products comply with every policy of the governance guild, as the build sees them. */
class CheckoutGovernanceTests {

    @Test
    void everyProductOfCheckoutCompliesWithTheMeshPolicies() {
        var checkout = new CheckoutDomain().checkout();
        var sources = DomainSources.fromClasspath(
                checkout.models(),
                checkout.eventTypes().stream().map(EventType::topic).toList(),
                getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(checkout.products(), sources);
    }
}
