package dev.meshshop.domains.datascience;

import dev.meshshop.domains.datascience.deliverytime.DeliveryTimeTraining;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The data science team as a mesh member: an aggregate domain with no events of its own. Its SQL model gathers the
 * examples from fulfillment's shipments and checkout's orders, read through its input ports; a Java step trains the
 * delivery-time model on them and publishes it as a product of the form model (docs/adr/0027).
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class DataScienceDomain {

    public static final String NAME = "datascience";

    @Bean
    MeshDomain datascience() {
        return MeshDomain.withoutEvents(
                        NAME,
                        "datascience-team",
                        List.of("mesh/datascience/models/delivery_time_examples.sql"),
                        List.of("mesh/datascience/products/delivery_time"))
                .withSteps(List.of(new DeliveryTimeTraining()));
    }
}
