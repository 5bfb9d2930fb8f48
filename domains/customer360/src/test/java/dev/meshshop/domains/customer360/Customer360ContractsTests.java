package dev.meshshop.domains.customer360;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.storage.DataProduct;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Customer360's product, as the build sees it: its contract is valid ODCS and matches its descriptor. */
class Customer360ContractsTests {

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/customer360/products");

    @Test
    void theProductOfCustomer360HasAValidContractAndReadsOnlyThroughInputPorts() {
        var domain = new Customer360Domain().customer360();
        assertThat(domain.emitsEvents()).isFalse();
        for (String folder : domain.products()) {
            var product = DataProduct.fromClasspath(folder, getClass().getClassLoader());
            assertThat(product.descriptor().inputPorts())
                    .extracting(port -> port.product())
                    .containsExactlyInAnyOrder(
                            "checkout.orders",
                            "fulfillment.shipments",
                            "fulfillment.returns",
                            "payment.payments",
                            "search.search_sessions");
            for (var port : product.ports()) {
                var contract = ContractAssertions.assertValidContract(
                        PRODUCTS.resolve(product.id().name())
                                .resolve(port.outputPort().contract()));
                assertThat(contract.id()).isEqualTo(product.id().toString());
                assertThat(contract.version()).isEqualTo(port.contractVersion());
            }
        }
    }
}
