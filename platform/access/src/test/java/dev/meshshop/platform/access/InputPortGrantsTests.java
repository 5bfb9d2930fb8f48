package dev.meshshop.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.InputPorts;
import dev.meshshop.platform.storage.MeshDirectory;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.ProductDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A domain's input port resolves only with a grant, and reads the product without its restricted columns. */
class InputPortGrantsTests {

    static final List<ProductDescriptor.InputPort> ORDERS_V1 =
            List.of(new ProductDescriptor.InputPort("checkout.orders", 1));

    @TempDir
    Path dataDir;

    MeshLayout layout;
    AccessRequests access;
    DomainArea fulfillment;

    @BeforeEach
    void publishOrders() {
        layout = new MeshLayout(dataDir);
        PublishedOrders.publish(layout);
        access = PublishedOrders.access(layout);
        fulfillment = DomainArea.open(layout, "fulfillment");
    }

    @AfterEach
    void closeArea() {
        fulfillment.close();
    }

    @Test
    void withoutAGrantThePortDoesNotResolveAndSaysHowToRequestIt() {
        var mesh = new MeshDirectory(layout);
        assertThatThrownBy(() -> InputPorts.attach(fulfillment, mesh, ORDERS_V1, access))
                .hasMessageContaining("Domain fulfillment may not read an input port:")
                .hasMessageContaining("fulfillment is not granted checkout.orders")
                .hasMessageContaining(
                        "POST /api/access/requests {\"consumer\":\"fulfillment\",\"product\":" + "\"checkout.orders\"");
        assertThat(views()).isEmpty();
    }

    @Test
    void withAGrantThePortReadsTheProductWithoutItsRestrictedColumnsUntilRevoked() {
        var request = access.request("fulfillment", "fulfillment", "checkout.orders", "ship what checkout sold");
        access.approve(request.id(), "checkout", null);

        InputPorts.attach(fulfillment, new MeshDirectory(layout), ORDERS_V1, access);

        assertThat(columns()).containsExactly("order_id", "total");
        assertThat(fulfillment.queryLong("SELECT count(*) FROM external.checkout_orders"))
                .isEqualTo(1);

        access.revoke(request.id(), "checkout", "no longer needed");
        assertThatThrownBy(() -> InputPorts.attach(fulfillment, new MeshDirectory(layout), ORDERS_V1, access))
                .hasMessageContaining("fulfillment is not granted checkout.orders");
    }

    private List<String> views() {
        return names("SELECT view_name FROM duckdb_views() WHERE schema_name = 'external'");
    }

    private List<String> columns() {
        return names("SELECT column_name FROM information_schema.columns WHERE table_schema = 'external'"
                + " AND table_name = 'checkout_orders' ORDER BY ordinal_position");
    }

    private List<String> names(String sql) {
        return fulfillment.withConnection(connection -> {
            var names = new ArrayList<String>();
            try (var rows = connection.createStatement().executeQuery(sql)) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        });
    }
}
