package dev.meshshop.domains.payment;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import dev.meshshop.platform.events.EventType;
import org.junit.jupiter.api.Test;

/** Payment's products comply with every policy of the governance guild, as the build sees them. */
class PaymentGovernanceTests {

    @Test
    void everyProductOfPaymentCompliesWithTheMeshPolicies() {
        var payment = new PaymentDomain().payment();
        var sources = DomainSources.fromClasspath(
                payment.models(),
                payment.eventTypes().stream().map(EventType::topic).toList(),
                getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(payment.products(), sources);
    }
}
