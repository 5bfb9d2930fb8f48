package dev.meshshop.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The platform reads what it needs of a descriptor in ODPS v1.0.0, and of one published before the mesh used it. */
class ProductDescriptorTests {

    @Test
    void readsTheOwnerKindPortsAndPinsOfAnOdpsDescriptor() {
        var descriptor = ProductDescriptor.read(
                """
                apiVersion: v1.0.0
                kind: DataProduct
                id: payment.payments
                version: 1.0.0
                status: active
                description: {purpose: One row per order paid.}
                team: {name: payment-team}
                customProperties: [{property: productKind, value: source-aligned}]
                outputPorts:
                  - {name: payments, type: parquet, version: 1.0.0, contractId: payment.payments, customProperties: [
                      {property: contractFile, value: payments.odcs.yaml}, {property: relation, value: model.payments}]}
                inputPorts:
                  - {name: checkout.orders, version: v1, contractId: checkout.orders}
                  - {name: checkout.order_items, version: v2, contractId: checkout.order_items}
                """);

        assertThat(descriptor.id()).isEqualTo("payment.payments");
        assertThat(descriptor.kind()).isEqualTo(ProductKind.SOURCE_ALIGNED);
        assertThat(descriptor.owner()).isEqualTo("payment-team");
        assertThat(descriptor.description()).isEqualTo("One row per order paid.");
        assertThat(descriptor.outputPorts())
                .containsExactly(new ProductDescriptor.OutputPort(
                        "payments", "parquet", "payments.odcs.yaml", "model.payments"));
        assertThat(descriptor.inputPorts())
                .containsExactly(
                        new ProductDescriptor.InputPort("checkout.orders", 1),
                        new ProductDescriptor.InputPort("checkout.order_items", 2));
    }

    @Test
    void readsADescriptorPublishedBeforeTheMeshWroteThemInTheStandard() {
        var descriptor = ProductDescriptor.read(
                """
                id: payment.payments
                kind: source-aligned
                owner: payment-team
                description: One row per order paid.
                outputPorts:
                  - {name: payments, format: parquet, contract: payments.odcs.yaml, relation: model.payments}
                inputPorts:
                  - {product: checkout.orders, major: 1}
                """);

        assertThat(descriptor.owner()).isEqualTo("payment-team");
        assertThat(descriptor.kind()).isEqualTo(ProductKind.SOURCE_ALIGNED);
        assertThat(descriptor.outputPorts().get(0).contract()).isEqualTo("payments.odcs.yaml");
        assertThat(descriptor.inputPorts()).containsExactly(new ProductDescriptor.InputPort("checkout.orders", 1));
    }

    @Test
    void saysWhatThePlatformMissesInTheStandardsTerms() {
        String withoutKind =
                """
                apiVersion: v1.0.0
                kind: DataProduct
                id: payment.payments
                status: active
                outputPorts:
                  - name: payments
                    version: 1.0.0
                    customProperties:
                      - {property: contractFile, value: payments.odcs.yaml}
                      - {property: relation, value: model.payments}
                """;
        String withoutContractFile =
                """
                apiVersion: v1.0.0
                kind: DataProduct
                id: payment.payments
                status: active
                customProperties: [{property: productKind, value: aggregate}]
                outputPorts:
                  - {name: payments, version: 1.0.0}
                """;

        assertThatThrownBy(() -> ProductDescriptor.read(withoutKind))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the custom property productKind");
        assertThatThrownBy(() -> ProductDescriptor.read(withoutContractFile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the custom property contractFile");
        assertThat(ProductDescriptor.pinnedMajor("latest")).isZero();
        assertThat(ProductDescriptor.pinnedMajor("v12")).isEqualTo(12);
    }
}
