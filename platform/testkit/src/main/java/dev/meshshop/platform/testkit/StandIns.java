package dev.meshshop.platform.testkit;

import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.PublishedPort;
import dev.meshshop.platform.storage.StandInProducts;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.function.Function;

/**
 * Stand-ins of the products a domain reads through its input ports, so that its path runs without the producer's
 * module (domains never depend on each other). Each stand-in's descriptor and consumer-side contract live in the
 * domain's test resources, under {@code stand-ins/<domain>/<product>/}, and name exactly the columns it reads.
 */
public final class StandIns {

    private StandIns() {}

    /**
     * Publishes the stand-in in {@code folder} as its producer would: its relation {@code table} with {@code columns}
     * (SQL column definitions), one row per element of {@code rows}, its values in the columns' order. An
     * {@link Instant} is stored as the UTC timestamp it is.
     *
     * <pre>{@code
     * StandIns.publish(layout, "stand-ins/checkout/orders", "model.orders", "order_id VARCHAR, total DECIMAL(18,2)",
     *         year.orders(), order -> new Object[] {order.id(), order.total()});
     * }</pre>
     */
    public static <T> PublishedPort publish(
            MeshLayout layout,
            String folder,
            String table,
            String columns,
            Collection<T> rows,
            Function<? super T, Object[]> values) {
        return StandInProducts.publish(layout, folder, connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE OR REPLACE TABLE " + table + " (" + columns + ")");
            }
            if (rows.isEmpty()) {
                return null;
            }
            int width = values.apply(rows.iterator().next()).length;
            String placeholders = String.join(", ", Collections.nCopies(width, "?"));
            try (var insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (" + placeholders + ")")) {
                for (T row : rows) {
                    var value = values.apply(row);
                    for (int i = 0; i < width; i++) {
                        insert.setObject(
                                i + 1,
                                value[i] instanceof Instant at
                                        ? LocalDateTime.ofInstant(at, ZoneOffset.UTC)
                                        : value[i]);
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }
}
