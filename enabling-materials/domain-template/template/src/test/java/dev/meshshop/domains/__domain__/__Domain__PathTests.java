package dev.meshshop.domains.{{domain}};

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.domains.{{domain}}.simulator.{{Domain}}Simulator;
import dev.meshshop.domains.{{domain}}.simulator.{{Domain}}Truth;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The path of {{domain}}, end to end in one JVM: its simulated system sends the shop's year with planted faults
 * to a real Kafka broker; the platform ingests, cleans (Beam's direct runner), models and publishes
 * {{domain}}.activities. The product must hold exactly what was sent, every planted fault must sit in quarantine
 * with its reason, the publish gates (contract, governance) must pass, and the dashboards must run on the data.
 * The mesh, the broker and the checks every domain makes come from the test kit ({@link DomainPath}); this test
 * keeps what only {{domain}} knows.
 */
@MeshPathTest
class {{Domain}}PathTests {

    @RegisterExtension
    static final DomainPath domain = DomainPath.of({{Domain}}Domain.NAME);

    static final Faults FAULTY = new Faults(0.01, 0.02);

    // seed and scale of the shop's year: about 1,900 orders, small enough for the direct runner
    static final ShopYear year = SimulatedShop.year(20251231, 0.02);
{{#reads}}
    /** An order that {{readsProduct}} does not have, so its activity is not found there. */
    static final Order unknownThere = year.orders().get(0);

    /** The stand-in of {{readsProduct}}: its descriptor and the contract of what this domain reads. */
    static final String STAND_IN = "stand-ins/{{readsDomain}}/{{readsName}}";
{{/reads}}

    static {{Domain}}Truth truth;

    @BeforeAll
    static void sendTheYearAndRefresh() {
        var simulator = new {{Domain}}Simulator(year, FAULTY);
        domain.send(simulator);
        truth = simulator.truth();
        // the faults this test is about must be planted at all
        DomainPath.assertFaultsPlanted(truth.delivery());
{{#reads}}
        // {{readsProduct}} as this domain reads it, from the same year, less one order
        domain.standIn(
                STAND_IN,
                "model.{{readsName}}",
                "order_id VARCHAR",
                year.orders().stream().filter(order -> order != unknownThere).toList(),
                order -> new Object[] {order.id()});
{{/reads}}
        domain.refresh();
    }

    @Test
    void thePublishedProductHoldsOneRowPerActivitySent() {
        var products = domain.products();
        assertThat(domain.published("activities").snapshot().rowCount()).isEqualTo(truth.activities());
        assertThat(truth.activities()).isEqualTo(year.orders().size());
        assertThat(products.decimal("SELECT sum(amount) FROM {{domain}}.activities"))
                .isEqualByComparingTo(
                        year.orders().stream().map(Order::total).reduce(BigDecimal.ZERO, BigDecimal::add));

        var order = year.orders().get(year.orders().size() - 1);
        assertThat(products.row("SELECT activity_id, customer_id, amount, epoch_ms(recorded_at)"
                        + " FROM {{domain}}.activities WHERE order_id = '" + order.id() + "'"))
                .isEqualTo(Arrays.asList(
                        "act-" + order.id(),
                        order.customerId(),
                        order.total(),
                        order.purchasedAt().toEpochMilli()));
{{#reads}}

        // every activity's order is found in {{readsProduct}}, but the one it does not have
        String notFound = "SELECT count(*), min(order_id) FROM {{domain}}.activities WHERE NOT {{readsColumn}}";
        assertThat(products.row(notFound)).isEqualTo(Arrays.asList(1L, unknownThere.id()));
{{/reads}}
    }

    @Test
    void everyPlantedFaultIsQuarantinedWithItsReasonAndNothingVanished() {
        domain.assertQuarantined(truth.delivery());
        // the customer's e-mail address was dropped from every activity, without setting anything aside
        assertThat(domain.cleaning().changed())
                .isEqualTo(Map.of("masked/ActivityRecorded /customerEmail dropped", truth.activities()));
        domain.assertNothingVanished(truth.delivery(), Map.of("activity_recorded", truth.activities()));
    }

    @Test
    void thePublishGatesPassedTheProductAndItFulfilsItsContract() {
        domain.assertEveryProductPassedTheGates();
    }

    @Test
    void everyQuestionOfTheDashboardsAnswersFromThePublishedProducts() {
        domain.assertEveryDashboardQuestionAnswers();
    }
}
