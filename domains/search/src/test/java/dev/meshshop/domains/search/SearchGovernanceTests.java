package dev.meshshop.domains.search;

import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.junit.GovernanceAssertions;
import dev.meshshop.platform.events.EventType;
import org.junit.jupiter.api.Test;

/** Search's products comply with every policy of the governance guild, as the build sees them. */
class SearchGovernanceTests {

    @Test
    void everyProductOfSearchCompliesWithTheMeshPolicies() {
        var search = new SearchDomain().search();
        var sources = DomainSources.fromClasspath(
                search.models(),
                search.eventTypes().stream().map(EventType::topic).toList(),
                getClass().getClassLoader());

        GovernanceAssertions.assertProductsComply(search.products(), sources);
    }
}
