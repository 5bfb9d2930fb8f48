package dev.meshshop.domains.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.storage.DataProduct;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Checkout's products, as the build sees them: every contract is valid ODCS and matches its descriptor, a new
 * contract version keeps faith with the one consumers read, and the contracts refuse data that breaks them.
 * That the published data fulfils them is checked on the real data in {@link CheckoutPathTests}.
 */
class CheckoutContractsTests {

    /** The simulated year's data is judged as of its end, as the mesh does. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/checkout/products");

    @Test
    void everyProductOfCheckoutHasAValidContract() {
        var domain = new CheckoutDomain().checkout();
        assertThat(domain.products()).hasSize(4);
        for (String folder : domain.products()) {
            var product = DataProduct.fromClasspath(folder, getClass().getClassLoader());
            for (var port : product.ports()) {
                var contract = ContractAssertions.assertValidContract(
                        PRODUCTS.resolve(product.id().name())
                                .resolve(port.outputPort().contract()));
                assertThat(contract.id()).isEqualTo(product.id().toString());
                assertThat(contract.version()).isEqualTo(port.contractVersion());
                assertThat(port.major()).isEqualTo(1);
            }
        }
    }

    @Test
    void ordersKeepFaithWithTheContractConsumersReadSince1_0_0() {
        var report = ContractAssertions.assertCompatibleWith(
                Path.of("src/test/resources/published/orders-1.0.0.odcs.yaml"),
                PRODUCTS.resolve("orders/orders.odcs.yaml"));
        assertThat(report.currentVersion()).isEqualTo("1.1.0");
        assertThat(report.changes())
                .extracting(change -> change.path())
                .contains("orders.session_id", "orders.shipping_fee", "orders.promotion", "orders.channel");
    }

    @Test
    void theContractsRefuseDataThatBreaksThem() throws SQLException {
        var orders = ContractAssertions.assertValidContract(PRODUCTS.resolve("orders/orders.odcs.yaml"));
        var items = ContractAssertions.assertValidContract(PRODUCTS.resolve("order_items/order_items.odcs.yaml"));
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE orders AS SELECT 'o-1' AS order_id, 's-1' AS session_id, 'c-1' AS customer_id,
                        TIMESTAMP '2025-12-31 20:00:00' AS purchased_at, 12.50::DECIMAL(18,2) AS total,
                        4.95::DECIMAL(18,2) AS shipping_fee, 'EUR' AS currency, 'standard' AS shipping_option,
                        NULL::VARCHAR AS promotion, 'phone' AS channel, 1 AS line_count, 'purchased' AS status,
                        NULL::TIMESTAMP AS cancelled_at""");
            statement.execute(
                    """
                    CREATE TABLE order_items AS
                    SELECT 'o-1' AS order_id, 1 AS line_number, 'sku-0001' AS sku, 1 AS quantity,
                        12.50::DECIMAL(18,2) AS unit_price, 12.50::DECIMAL(18,2) AS amount,
                        TIMESTAMP '2025-12-31 20:00:00' AS purchased_at
                    FROM range(2)""");

            var tester = ContractTester.create().withClock(AS_OF);
            assertThat(tester.test(connection, "orders", orders).failures())
                    .extracting(failure -> failure.element() + " " + failure.check())
                    .containsExactly("orders.channel invalidValues");
            assertThat(tester.test(connection, "order_items", items).failures())
                    .extracting(failure -> failure.element() + " " + failure.check())
                    .containsExactly("order_items primaryKey");
        }
    }
}
