package dev.meshshop.domains.controlling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.storage.DataProduct;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The product of controlling, as the build sees it: a valid contract that matches its descriptor, files published beside its
 * table (ADR 27), and input ports for everything it is made of.
 */
class ControllingContractsTests {

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/controlling/products");

    @Test
    void theProductOfControllingHasAValidContractItsFilesAndReadsOnlyThroughInputPorts() {
        var domain = new ControllingDomain().controlling();
        assertThat(domain.emitsEvents()).isFalse();
        assertThat(domain.steps()).extracting(step -> step.product()).containsExactly("management_report");
        for (String folder : domain.products()) {
            var product = DataProduct.fromClasspath(folder, getClass().getClassLoader());
            assertThat(product.descriptor().inputPorts())
                    .extracting(port -> port.product())
                    .containsExactlyInAnyOrder(
                            "checkout.orders",
                            "search.search_sessions",
                            "fulfillment.shipments",
                            "fulfillment.returns",
                            "payment.payments");
            for (var port : product.ports()) {
                assertThat(port.outputPort().form().label()).isEqualTo("report");
                assertThat(port.outputPort().artifacts()).isNotBlank();
                assertThat(port.outputPort().files()).containsExactly("report.pdf", "report.html");
                var contract = ContractAssertions.assertValidContract(
                        PRODUCTS.resolve(product.id().name())
                                .resolve(port.outputPort().contract()));
                assertThat(contract.id()).isEqualTo(product.id().toString());
                assertThat(contract.version()).isEqualTo(port.contractVersion());
            }
        }
    }
}
