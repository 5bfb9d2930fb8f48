package dev.meshshop.domains.search;

import dev.meshshop.domains.search.events.SearchEvents;
import dev.meshshop.domains.search.simulator.SearchFaults;
import dev.meshshop.domains.search.simulator.SearchSimulator;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.simulation.EventSimulator;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Search as a mesh member: its events, how it cleans and models them, and the products it publishes. Having this
 * module on the classpath of a mesh application is all it takes to run search there.
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class SearchDomain {

    public static final String NAME = "search";

    @Bean
    MeshDomain search() {
        return new MeshDomain(
                NAME,
                "search-team",
                SearchEvents.ALL,
                new SearchCleaning(),
                List.of("mesh/search/models/search_queries.sql", "mesh/search/models/search_sessions.sql"),
                List.of("mesh/search/products/search_queries", "mesh/search/products/search_sessions"));
    }

    /** Search's operational system, simulated: the shop's search box, sending what the simulated visitors ask. */
    @Bean
    DomainSimulator searchSimulator() {
        return new DomainSimulator(
                NAME, EventSimulator.of(business -> new SearchSimulator(business, SearchFaults.TYPICAL).records()));
    }
}
