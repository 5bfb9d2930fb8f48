package dev.meshshop.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProductIdTests {

    @Test
    void parsesDomainAndName() {
        assertThat(ProductId.parse("checkout.order_items")).isEqualTo(new ProductId("checkout", "order_items"));
        assertThat(ProductId.parse("checkout.orders")).hasToString("checkout.orders");
    }

    @Test
    void rejectsIdsThatAreNotSnakeCaseDomainDotName() {
        assertThatThrownBy(() -> ProductId.parse("orders")).hasMessageContaining("<domain>.<product>");
        assertThatThrownBy(() -> ProductId.parse("a.b.c")).hasMessageContaining("<domain>.<product>");
        assertThatThrownBy(() -> ProductId.parse("Checkout.orders")).hasMessageContaining("snake case");
        assertThatThrownBy(() -> ProductId.parse("checkout.order-items")).hasMessageContaining("snake case");
    }
}
