package dev.meshshop.domains.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.contracts.model.SchemaProperty;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.storage.DataProduct;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Payment's product, as the build sees it: its contract is valid ODCS and matches its descriptor, it reads
 * checkout.orders only through a pinned input port under a consumer-side contract, and its contract refuses data
 * that breaks it. That the published data fulfils it is checked on the real data in {@link PaymentPathTests}.
 */
class PaymentContractsTests {

    /** The simulated year's data is judged as of its end, as the mesh does. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/payment/products");

    @Test
    void theProductOfPaymentHasAValidContractAndReadsCheckoutThroughItsInputPort() {
        var domain = new PaymentDomain().payment();
        assertThat(domain.products()).hasSize(1);
        var product =
                DataProduct.fromClasspath(domain.products().get(0), getClass().getClassLoader());
        assertThat(product.descriptor().inputPorts())
                .extracting(port -> port.product() + " v" + port.major())
                .containsExactly("checkout.orders v1");
        for (var port : product.ports()) {
            var contract = ContractAssertions.assertValidContract(
                    PRODUCTS.resolve(product.id().name())
                            .resolve(port.outputPort().contract()));
            assertThat(contract.id()).isEqualTo(product.id().toString());
            assertThat(contract.version()).isEqualTo(port.contractVersion());
        }
    }

    @Test
    void theStandInOfCheckoutOrdersStatesExactlyWhatPaymentReads() {
        var standIn = DataProduct.fromClasspath(
                "stand-ins/checkout/orders", getClass().getClassLoader());
        assertThat(standIn.id()).hasToString("checkout.orders");
        assertThat(standIn.ports()).singleElement().satisfies(port -> assertThat(port.major())
                .isEqualTo(1));
        var contract = ContractAssertions.assertValidContract(
                Path.of("src/test/resources/stand-ins/checkout/orders/orders.odcs.yaml"));
        assertThat(contract.schema().get(0).properties())
                .extracting(SchemaProperty::name)
                .containsExactly("order_id", "total", "shipping_fee");
    }

    @Test
    void theContractRefusesDataThatBreaksIt() throws SQLException {
        var contract = ContractAssertions.assertValidContract(PRODUCTS.resolve("payments/payments.odcs.yaml"));
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE payments AS SELECT 'o-1' AS order_id, 'p-1' AS payment_id, 'card' AS method,
                        'refunded' AS status, 12.50::DECIMAL(18,2) AS amount, 'EUR' AS currency, 0 AS failed_attempts,
                        1250.00::DECIMAL(18,2) AS refunded_amount, TIMESTAMP '2025-12-31 20:00:00' AS authorized_at,
                        12.50::DECIMAL(18,2) AS order_amount, true AS amount_matches_order""");

            assertThat(ContractTester.create()
                            .withClock(AS_OF)
                            .test(connection, "payments", contract)
                            .failures())
                    .extracting(failure -> failure.element() + " " + failure.check())
                    .containsExactly("payments sql");
        }
    }
}
