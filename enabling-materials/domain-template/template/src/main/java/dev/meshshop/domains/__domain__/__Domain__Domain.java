package dev.meshshop.domains.{{domain}};

import dev.meshshop.domains.{{domain}}.activities.ActivitiesCleaning;
import dev.meshshop.domains.{{domain}}.events.{{Domain}}Events;
import dev.meshshop.domains.{{domain}}.simulator.{{Domain}}Simulator;
import dev.meshshop.platform.simulation.DomainSimulator;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {{Domain}} as a mesh member: its events, how it cleans and models them, and the product it publishes. The
 * platform (platform/starter) does the rest: topics, ingest, the Beam pipeline, publishing, governance. Beside it,
 * its simulated operational system, which the simulated company (platform/simulation) runs.
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class {{Domain}}Domain {

    public static final String NAME = "{{domain}}";

    @Bean
    MeshDomain {{domain}}() {
        return new MeshDomain(
                NAME,
                "{{team}}",
                {{Domain}}Events.ALL,
                new ActivitiesCleaning(),
                List.of("mesh/{{domain}}/models/activities.sql"),
                List.of("mesh/{{domain}}/products/activities"));
    }

    /** The operational system, simulated: it sends the domain's events for the simulated company's year. */
    @Bean
    DomainSimulator {{domain}}Simulator() {
        return new DomainSimulator(NAME, {{Domain}}Simulator::new);
    }
}
