package dev.meshshop.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputPortsTests {

    @TempDir
    Path dataDir;

    MeshLayout layout;
    DomainArea shop;
    DomainArea billing;
    OutputPortPublisher publisher;
    DataProduct sales =
            DataProduct.fromClasspath("mesh/shop/products/sales", getClass().getClassLoader());

    @BeforeEach
    void openAreas() {
        layout = new MeshLayout(dataDir);
        shop = DomainArea.open(layout, "shop");
        billing = DomainArea.open(layout, "billing");
        publisher = new OutputPortPublisher(layout, Clock.systemUTC(), List.of(), 3);
        shop.withConnection(connection -> connection
                .createStatement()
                .execute("CREATE TABLE model.sales AS SELECT DATE '2026-01-01' + i::INTEGER AS day, i AS amount"
                        + " FROM range(5) t(i)"));
    }

    @AfterEach
    void closeAreas() {
        shop.close();
        billing.close();
    }

    @Test
    void aConsumerReadsAPublishedProductThroughAViewInItsExternalZone() {
        publisher.publish(shop, sales);

        var views = InputPorts.attach(billing, new MeshDirectory(layout), List.of(salesV(1)));

        assertThat(views).containsEntry(sales.id(), "external.shop_sales");
        assertThat(billing.queryLong("SELECT sum(amount) FROM external.shop_sales"))
                .isEqualTo(10);
    }

    @Test
    void theViewFollowsTheProducersNewestSnapshotAtTheNextAttach() {
        publisher.publish(shop, sales);
        InputPorts.attach(billing, new MeshDirectory(layout), List.of(salesV(1)));
        shop.withConnection(connection ->
                connection.createStatement().execute("INSERT INTO model.sales VALUES (DATE '2026-02-01', 90)"));
        publisher.publish(shop, sales);

        assertThat(billing.queryLong("SELECT sum(amount) FROM external.shop_sales"))
                .isEqualTo(10);
        InputPorts.attach(billing, new MeshDirectory(layout), List.of(salesV(1)));
        assertThat(billing.queryLong("SELECT sum(amount) FROM external.shop_sales"))
                .isEqualTo(100);
    }

    @Test
    void namesThePortWhenItsProductIsNotPublishedAtThePinnedVersion() {
        var mesh = new MeshDirectory(layout);
        assertThatThrownBy(() -> InputPorts.attach(billing, mesh, List.of(salesV(1))))
                .hasMessage("Input port shop.sales v1 of domain billing is not published yet;"
                        + " its owner publishes it on their next refresh");

        publisher.publish(shop, sales);
        assertThatThrownBy(() -> InputPorts.attach(billing, mesh, List.of(salesV(2))))
                .hasMessageContaining("shop.sales v2 of domain billing is not published")
                .hasMessageContaining("newest published major version is v1");
    }

    @Test
    void aDomainDoesNotReadItsOwnProductThroughAnInputPort() {
        publisher.publish(shop, sales);
        assertThatThrownBy(() -> InputPorts.attach(shop, new MeshDirectory(layout), List.of(salesV(1))))
                .hasMessageContaining("declares its own product shop.sales as an input port");
    }

    @Test
    void aPortResolvesOnlyWhenTheAccessCheckGrantsItAndWithoutTheColumnsItHides() {
        publisher.publish(shop, sales);
        var mesh = new MeshDirectory(layout);
        AccessCheck nobody = (consumer, product) -> Optional.of(consumer + " is not granted " + product);

        assertThatThrownBy(() -> InputPorts.attach(billing, mesh, List.of(salesV(1)), nobody))
                .hasMessage("Domain billing may not read an input port: billing is not granted shop.sales");

        var withoutAmounts = new AccessCheck() {
            @Override
            public Optional<String> refusal(String consumer, ProductId product) {
                return Optional.empty();
            }

            @Override
            public Set<String> hiddenColumns(String consumer, PublishedPort port) {
                return Set.of("amount");
            }
        };
        InputPorts.attach(billing, mesh, List.of(salesV(1)), withoutAmounts);
        assertThat(billing.queryLong("SELECT count(*) FROM information_schema.columns"
                        + " WHERE table_name = 'shop_sales' AND column_name = 'amount'"))
                .isZero();
        assertThat(billing.queryLong("SELECT count(*) FROM external.shop_sales"))
                .isEqualTo(5);
    }

    private static ProductDescriptor.InputPort salesV(int major) {
        return new ProductDescriptor.InputPort("shop.sales", major);
    }
}
