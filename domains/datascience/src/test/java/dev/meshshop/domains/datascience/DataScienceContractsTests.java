package dev.meshshop.domains.datascience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.storage.DataProduct;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The product of datascience, as the build sees it: a valid contract that matches its descriptor, files published beside its
 * table (ADR 27), and input ports for everything it is made of.
 */
class DataScienceContractsTests {

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/datascience/products");

    @Test
    void theProductOfDataScienceHasAValidContractItsFilesAndReadsOnlyThroughInputPorts() {
        var domain = new DataScienceDomain().datascience();
        assertThat(domain.emitsEvents()).isFalse();
        assertThat(domain.steps()).extracting(step -> step.product()).containsExactly("delivery_time");
        for (String folder : domain.products()) {
            var product = DataProduct.fromClasspath(folder, getClass().getClassLoader());
            assertThat(product.descriptor().inputPorts())
                    .extracting(port -> port.product())
                    .containsExactlyInAnyOrder("fulfillment.shipments", "checkout.orders");
            for (var port : product.ports()) {
                assertThat(port.outputPort().form().label()).isEqualTo("model");
                assertThat(port.outputPort().artifacts()).isNotBlank();
                assertThat(port.outputPort().files())
                        .containsExactly("delivery_time.onnx", "model-card.json", "model-card.md");
                var contract = ContractAssertions.assertValidContract(
                        PRODUCTS.resolve(product.id().name())
                                .resolve(port.outputPort().contract()));
                assertThat(contract.id()).isEqualTo(product.id().toString());
                assertThat(contract.version()).isEqualTo(port.contractVersion());
            }
        }
    }
}
