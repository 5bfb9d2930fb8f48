package dev.meshshop.domains.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.domains.payment.simulator.PaymentApp;
import dev.meshshop.domains.payment.simulator.PaymentSimulator;
import dev.meshshop.domains.payment.simulator.PaymentTruth;
import dev.meshshop.platform.simulation.Faults;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.simulation.ShopYear;
import dev.meshshop.platform.simulation.ShopYear.Order;
import dev.meshshop.platform.simulation.ShopYear.Refund;
import dev.meshshop.platform.simulation.SimulatedShop;
import dev.meshshop.platform.testkit.DomainPath;
import dev.meshshop.platform.testkit.MeshPathTest;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Payment's path, end to end and in one JVM: payment's simulated system sends the shop's payments with planted
 * faults to a real Kafka broker; the platform ingests, cleans (direct runner), models and publishes
 * payment.payments, reconciled with a stand-in of checkout.orders that this test publishes from the same year.
 * The published product must equal the shop's payments, the amounts the buggy app sent in cents repaired, and
 * every planted fault must be repaired or sit in quarantine with its reason, exactly as often as it was planted.
 */
@MeshPathTest
class PaymentPathTests {

    @RegisterExtension
    static final DomainPath payment = DomainPath.of(PaymentDomain.NAME);

    static final Faults FAULTY = new Faults(0.01, 0.02);

    // seed and scale of the shop's year: about 1,900 orders, small enough for the direct runner
    static final ShopYear year = SimulatedShop.year(20251231, 0.02);
    /** The orders whose payment was authorized within the year: the rows payment.payments must have. */
    static final List<Order> paid = year.orders().stream()
            .filter(order -> ShopCalendar.inYear(order.payment().authorizedAt()))
            .toList();
    /** An order checkout does not publish (as if it were quarantined there): its payment cannot be reconciled. */
    static final Order unknownToCheckout = paid.get(0);

    static PaymentTruth truth;

    @BeforeAll
    static void sendTheYearAndRefresh() {
        var simulator = new PaymentSimulator(year, FAULTY);
        payment.send(simulator);
        truth = simulator.truth();
        // the faults this test is about must be planted at all
        DomainPath.assertFaultsPlanted(truth.delivery());
        assertThat(truth.amountsInCents()).isPositive();

        // checkout's orders as payment reads them, from the same year, less one order checkout does not publish
        payment.standIn(
                "stand-ins/checkout/orders",
                "model.orders",
                "order_id VARCHAR, total DECIMAL(18,2), shipping_fee DECIMAL(18,2)",
                year.orders().stream()
                        .filter(order -> order != unknownToCheckout)
                        .toList(),
                order -> new Object[] {order.id(), order.total(), order.shippingFee()});
        payment.refresh();
    }

    @Test
    void publishedPaymentsAreTheShopsPaymentsWithTheAmountsInCentsRepaired() {
        var products = payment.products();
        assertThat(payment.published("payments").snapshot().rowCount()).isEqualTo(paid.size());
        assertThat(products.count("SELECT count(DISTINCT order_id) FROM payment.payments"))
                .isEqualTo(paid.size());
        assertThat(products.decimal("SELECT sum(amount) FROM payment.payments"))
                .isEqualByComparingTo(sum(paid, order -> order.payment().amount()));
        assertThat(products.decimal("SELECT sum(amount) FROM payment.payments WHERE authorized_at >= '"
                        + PaymentApp.BUGGY_FROM + "' AND authorized_at < '" + PaymentApp.BUGGY_UNTIL + "'"))
                .isEqualByComparingTo(sum(
                        paid.stream()
                                .filter(order ->
                                        PaymentApp.sentInCents(order.payment().authorizedAt()))
                                .toList(),
                        order -> order.payment().amount()));
        assertThat(products.decimal("SELECT sum(refunded_amount) FROM payment.payments"))
                .isEqualByComparingTo(sum(paid, PaymentPathTests::refunded));
        assertThat(products.count("SELECT sum(failed_attempts) FROM payment.payments"))
                .isEqualTo(count(order -> order.payment().failedAt().isPresent()));
        for (String status : List.of("authorized", "refunded", "partially_refunded")) {
            assertThat(products.count("SELECT count(*) FROM payment.payments WHERE status = '" + status + "'"))
                    .as(status)
                    .isEqualTo(count(order -> status(order).equals(status)))
                    .isPositive();
        }

        // every charge matches its order, once the amounts in cents are repaired; one order checkout lacks
        assertThat(products.count("SELECT count(*) FROM payment.payments WHERE amount_matches_order"))
                .isEqualTo(paid.size() - 1);
        assertThat(products.row("SELECT order_amount, amount_matches_order FROM payment.payments WHERE order_id = '"
                        + unknownToCheckout.id() + "'"))
                .isEqualTo(Arrays.asList(null, false));

        // one payment of each kind, every column: in cents; refunded in full; partially refunded; after a failure
        for (Predicate<Order> kind : List.<Predicate<Order>>of(
                order -> PaymentApp.sentInCents(order.payment().authorizedAt()),
                order -> status(order).equals("refunded"),
                order -> status(order).equals("partially_refunded"),
                order -> order.payment().failedAt().isPresent())) {
            var order = paid.stream()
                    .filter(kind.and(candidate -> candidate != unknownToCheckout))
                    .findFirst()
                    .orElseThrow();
            var charge = order.payment();
            assertThat(products.row(
                            """
                            SELECT payment_id, method, status, amount, currency, failed_attempts, refunded_amount,
                                   epoch_ms(authorized_at), order_amount, amount_matches_order
                            FROM payment.payments WHERE order_id = '%s'"""
                                    .formatted(order.id())))
                    .isEqualTo(Arrays.asList(
                            charge.id(),
                            charge.method(),
                            status(order),
                            charge.amount(),
                            "EUR",
                            charge.failedAt().isPresent() ? 1 : 0,
                            refunded(order),
                            charge.authorizedAt().toEpochMilli(),
                            order.amountCharged(),
                            true));
        }
    }

    @Test
    void paymentsFulfilTheirContractAndTheMeshsPolicies() {
        payment.assertEveryProductPassedTheGates();
    }

    @Test
    void everyPlantedFaultIsRepairedOrQuarantinedWithItsReasonAndNothingVanished() {
        payment.assertQuarantined(truth.delivery());
        // the amounts in cents were repaired and the payer's personal data dropped, without setting anything aside
        assertThat(payment.cleaning().changed())
                .isEqualTo(Map.of(
                        "repaired/amount-in-cents", truth.amountsInCents(),
                        "masked/PaymentAuthorized /payer/name dropped", truth.authorizations(),
                        "masked/PaymentAuthorized /payer/iban dropped", truth.payerIbans()));
        payment.assertNothingVanished(
                truth.delivery(),
                Map.of(
                        "payment_authorized", truth.authorizations(),
                        "payment_failed", truth.failures(),
                        "payment_refunded", truth.refunds()));
    }

    /** What was refunded of an order's payment within the year. */
    private static BigDecimal refunded(Order order) {
        return order.payment().refunds().stream()
                .filter(refund -> ShopCalendar.inYear(refund.at()))
                .map(Refund::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static String status(Order order) {
        int refunded = refunded(order).compareTo(BigDecimal.ZERO);
        if (refunded == 0) {
            return "authorized";
        }
        return refunded(order).compareTo(order.payment().amount()) >= 0 ? "refunded" : "partially_refunded";
    }

    private static long count(Predicate<Order> filter) {
        return paid.stream().filter(filter).count();
    }

    private static BigDecimal sum(List<Order> orders, Function<Order, BigDecimal> amount) {
        return orders.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
