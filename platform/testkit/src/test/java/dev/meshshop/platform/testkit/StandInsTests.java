package dev.meshshop.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.storage.MeshLayout;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stand-in published with {@link StandIns} is read back by {@link ProductQueries} as a consumer reads it, under the
 * mesh's name, each value as it was given; and the queries refuse a result that is not what they promise.
 */
class StandInsTests {

    record Order(String id, BigDecimal total, Instant purchasedAt) {}

    record OrderRow(String orderId, BigDecimal total, long purchasedAtMillis) {}

    static final List<Order> ORDERS = List.of(
            new Order("o-1", new BigDecimal("19.98"), Instant.parse("2025-12-31T18:00:00.123Z")),
            new Order("o-2", new BigDecimal("5.00"), Instant.parse("2025-11-28T09:30:00Z")));

    @TempDir
    Path dataDir;

    @Test
    void aStandInIsReadBackUnderTheMeshsNameWithEveryValueAsGiven() {
        var layout = new MeshLayout(dataDir);
        var port = StandIns.publish(
                layout,
                "stand-ins/shop/orders",
                "model.orders",
                "order_id VARCHAR, total DECIMAL(18,2), purchased_at TIMESTAMP",
                ORDERS,
                order -> new Object[] {order.id(), order.total(), order.purchasedAt()});
        assertThat(port.snapshot().rowCount()).isEqualTo(2);

        try (var products = new ProductQueries(layout)) {
            assertThat(products.count("SELECT count(*) FROM shop.orders")).isEqualTo(2);
            assertThat(products.decimal("SELECT sum(total) FROM shop.orders")).isEqualByComparingTo("24.98");
            assertThat(products.row(
                            "SELECT order_id, total, epoch_ms(purchased_at) FROM shop.orders WHERE order_id = 'o-1'"))
                    .isEqualTo(Arrays.asList("o-1", new BigDecimal("19.98"), 1767204000123L));
            assertThat(products.records(
                            "SELECT order_id, total, epoch_ms(purchased_at) FROM shop.orders ORDER BY order_id",
                            OrderRow.class))
                    .containsExactly(
                            new OrderRow("o-1", new BigDecimal("19.98"), 1767204000123L),
                            new OrderRow("o-2", new BigDecimal("5.00"), 1764322200000L));
            assertThat(products.byKey("SELECT order_id, total FROM shop.orders"))
                    .isEqualTo(Map.of("o-1", "19.98", "o-2", "5.00"));
            assertThat(products.counts("SELECT total > 10, count(*) FROM shop.orders GROUP BY ALL"))
                    .isEqualTo(Map.of("true", 1L, "false", 1L));

            // a single row is promised: two are refused, as is a key that repeats
            assertThatThrownBy(() -> products.row("SELECT order_id FROM shop.orders"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the rows of SELECT order_id FROM shop.orders");
            assertThatThrownBy(() -> products.byKey("SELECT 'same', order_id FROM shop.orders"))
                    .hasMessageContaining("Key same is repeated");
            assertThatThrownBy(() -> products.count("SELECT nothing FROM shop.orders"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("The query failed: SELECT nothing FROM shop.orders");
        }
    }
}
