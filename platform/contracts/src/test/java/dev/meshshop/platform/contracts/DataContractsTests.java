package dev.meshshop.platform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.contracts.model.DataContract;
import dev.meshshop.platform.contracts.model.LogicalType;
import dev.meshshop.platform.contracts.model.Metric;
import dev.meshshop.platform.contracts.model.Operator;
import dev.meshshop.platform.contracts.model.QualityRule;
import dev.meshshop.platform.contracts.model.QualityType;
import dev.meshshop.platform.contracts.model.SchemaObject;
import dev.meshshop.platform.contracts.model.SchemaProperty;
import dev.meshshop.platform.contracts.model.SlaProperty;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataContractsTests {

    @Test
    void readsTheFundamentalsOfAContract() {
        DataContract contract = Fixtures.contract("valid/checkout-orders.odcs.yaml");

        assertThat(contract.apiVersion()).isEqualTo("v3.1.0");
        assertThat(contract.kind()).isEqualTo("DataContract");
        assertThat(contract.id()).isEqualTo("checkout-orders");
        assertThat(contract.version()).isEqualTo("2.1.0");
        assertThat(contract.status()).isEqualTo("active");
        assertThat(contract.domain()).isEqualTo("checkout");
        assertThat(contract.description().purpose()).startsWith("The latest state");
        assertThat(contract.servers())
                .extracting(s -> s.type())
                .containsExactly("local", "duckdb", "kafka", "s3", "postgres");
        assertThat(contract.servers().get(4).connection().port()).isEqualTo(5432);
        assertThat(contract.customProperties().get(1).value()).isEqualTo(List.of("amara", "mei"));
    }

    @Test
    void readsObjectsWithTheirPropertiesAndPrimaryKeys() {
        DataContract contract = Fixtures.contract("valid/checkout-orders.odcs.yaml");
        SchemaObject orders = contract.object("orders").orElseThrow();

        assertThat(contract.object("orders_v2")).contains(orders);
        SchemaProperty customer = orders.property("customer_ref").orElseThrow();
        assertThat(customer.name()).isEqualTo("customer_id");
        assertThat(customer.columnName()).isEqualTo("customer_ref");
        assertThat(customer.required()).isTrue();
        assertThat(customer.relationships().get(0).to()).containsExactly("customers.customer_id");

        SchemaProperty orderId = orders.property("order_id").orElseThrow();
        assertThat(orderId.logicalType()).isEqualTo(LogicalType.STRING);
        assertThat(orderId.logicalTypeOptions().pattern()).isEqualTo("^ord-[0-9]{6}$");
        assertThat(orderId.examples()).containsExactly("ord-000001", "ord-004711");

        SchemaObject items = contract.object("order_items").orElseThrow();
        assertThat(items.primaryKey()).extracting(SchemaProperty::name).containsExactly("order_id", "line_number");
        assertThat(contract.object("order_placed").orElseThrow().isTopic()).isTrue();
    }

    @Test
    void readsNestedObjectsAndArrayItems() {
        SchemaObject orders = Fixtures.contract("valid/checkout-orders.odcs.yaml")
                .object("orders")
                .orElseThrow();

        assertThat(orders.property("shipping_address").orElseThrow().properties())
                .extracting(SchemaProperty::name)
                .containsExactly("country", "postcode");
        SchemaProperty lines = orders.property("lines").orElseThrow();
        assertThat(lines.items().logicalType()).isEqualTo(LogicalType.OBJECT);
        assertThat(lines.items().properties()).extracting(SchemaProperty::name).containsExactly("sku", "quantity");
    }

    @Test
    void readsQualityRulesWithTheirThresholds() {
        SchemaObject orders = Fixtures.contract("valid/checkout-orders.odcs.yaml")
                .object("orders")
                .orElseThrow();

        QualityRule missing =
                orders.property("customer_id").orElseThrow().quality().get(0);
        assertThat(missing.type()).isEqualTo(QualityType.LIBRARY);
        assertThat(missing.metric()).isEqualTo(Metric.MISSING_VALUES);
        assertThat(missing.threshold().operator()).isEqualTo(Operator.MUST_BE_LESS_OR_EQUAL_TO);
        assertThat(missing.inPercent()).isTrue();
        assertThat(missing.listArgument("missingValues")).containsExactly(null, "", "unknown");

        QualityRule countRange = orders.quality().get(0);
        assertThat(countRange.metric()).isEqualTo(Metric.ROW_COUNT);
        assertThat(countRange.threshold().accepts(BigDecimal.ONE)).isTrue();
        assertThat(countRange.threshold().accepts(BigDecimal.ZERO)).isFalse();

        assertThat(orders.quality()).extracting(QualityRule::type).contains(QualityType.SQL, QualityType.CUSTOM);
        assertThat(orders.property("item_count").orElseThrow().quality().get(0).isError())
                .isFalse();
    }

    @Test
    void readsServiceLevelsAsDurations() {
        DataContract contract = Fixtures.contract("valid/checkout-orders.odcs.yaml");

        SlaProperty latency = contract.slaProperties().get(0);
        assertThat(latency.isDuration()).isTrue();
        assertThat(latency.duration()).contains(Duration.ofDays(1));
        assertThat(latency.elements()).containsExactly("orders.updated_at");
        assertThat(contract.slaProperties().get(1).duration()).contains(Duration.ofHours(26));
        assertThat(contract.team().members()).extracting(m -> m.username()).containsExactly("amara", "jonas", "mei");
        assertThat(contract.team().members().get(1).dateOut()).isEqualTo(LocalDate.of(2025, 1, 31));
    }

    @Test
    void readsVersion30FormsWithTheirVersion31Meaning() {
        DataContract contract = Fixtures.contract("valid/legacy-v3.0.odcs.yaml");
        SchemaObject shipments = contract.object("shipments").orElseThrow();

        assertThat(contract.team().name()).isNull();
        assertThat(contract.team().members()).extracting(m -> m.username()).containsExactly("lea", "tom");
        var weight = shipments.property("weight_kg").orElseThrow().logicalTypeOptions();
        assertThat(weight.minimum()).isNull();
        assertThat(weight.exclusiveMinimum()).isEqualTo("0");
        assertThat(weight.maximum()).isEqualTo("40");
        var parcels = shipments.property("parcels").orElseThrow().logicalTypeOptions();
        assertThat(parcels.maximum()).isEqualTo("10");
        assertThat(parcels.exclusiveMaximum()).isNull();
        assertThat(shipments.quality().get(0).rule()).isEqualTo("duplicateCount");
        assertThat(shipments.quality().get(0).threshold()).isNull();
        assertThat(contract.slaProperties().get(0).canonicalProperty()).isEqualTo("latency");
        assertThat(contract.slaProperties().get(0).duration()).contains(Duration.ofDays(2));
    }

    @Test
    void refusesToReadAnInvalidContract() {
        assertThatThrownBy(() -> Fixtures.contract("invalid/relationship.odcs.yaml"))
                .isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("[relationship] schema[0].relationships[0]")
                .satisfies(
                        e -> assertThat(((InvalidContractException) e).report().errors())
                                .hasSize(1));
    }
}
