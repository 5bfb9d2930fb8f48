package dev.meshshop.domains.customer360;

import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Customer360 as a mesh member: an aggregate domain. It emits no events and has no operational system; it reads
 * the products of checkout, payment, fulfillment and search through its input ports and publishes one view of
 * every customer. Its refresh follows theirs: the platform refreshes producers first, and refreshes customer360
 * again whenever one of them publishes a new snapshot.
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class Customer360Domain {

    public static final String NAME = "customer360";

    @Bean
    MeshDomain customer360() {
        return MeshDomain.withoutEvents(
                NAME,
                "customer360-team",
                List.of("mesh/customer360/models/customer_360.sql"),
                List.of("mesh/customer360/products/customer_360"));
    }
}
