package dev.meshshop.domains.controlling;

import dev.meshshop.domains.controlling.report.RenderManagementReport;
import dev.meshshop.platform.starter.MeshAutoConfiguration;
import dev.meshshop.platform.starter.MeshDomain;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Controlling as a mesh member: a consumer-aligned domain that serves management. It emits no events; its SQL model
 * computes the monthly KPIs from five products of four domains, read through its input ports, and a Java step renders
 * them as the management report, a product of the form report (docs/adr/0027).
 */
@AutoConfiguration(before = MeshAutoConfiguration.class)
public class ControllingDomain {

    public static final String NAME = "controlling";

    @Bean
    MeshDomain controlling() {
        return MeshDomain.withoutEvents(
                        NAME,
                        "controlling-team",
                        List.of("mesh/controlling/models/management_kpis.sql"),
                        List.of("mesh/controlling/products/management_report"))
                .withSteps(List.of(new RenderManagementReport()));
    }
}
