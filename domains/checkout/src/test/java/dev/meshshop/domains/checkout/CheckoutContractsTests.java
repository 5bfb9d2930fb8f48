package dev.meshshop.domains.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.storage.DataProduct;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checkout's products, as the build sees them: every contract is valid ODCS and matches its descriptor. */
class CheckoutContractsTests {

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/checkout/products");

    @Test
    void everyProductOfCheckoutHasAValidContract() {
        var domain = new CheckoutDomain().checkout();
        assertThat(domain.products()).isNotEmpty();
        for (String folder : domain.products()) {
            var product = DataProduct.fromClasspath(folder, getClass().getClassLoader());
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
