package dev.meshshop.apps.bench;

import dev.meshshop.platform.storage.DomainArea;
import java.time.Duration;

/**
 * The baseline for the clean stage: checkout's cleaning (deduplicate by event id, keep the copy stored first, map
 * schema version 1 onto version 2, hash the e-mail, read the JSON into typed columns) as one DuckDB SQL pass over
 * the raw zone, into scratch tables.
 */
final class DuckDbCleaningBaseline {

    private DuckDbCleaningBaseline() {}

    static Duration run(DomainArea area) {
        long start = System.nanoTime();
        area.withConnection(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute(
                        """
                        CREATE OR REPLACE TEMP TABLE baseline_unique AS
                        SELECT * FROM raw.events
                        QUALIFY row_number() OVER (
                            PARTITION BY event_id
                            ORDER BY topic, kafka_partition, kafka_offset) = 1""");
                statement.execute(
                        """
                        CREATE OR REPLACE TEMP TABLE baseline_order_purchased AS
                        SELECT event_id, occurred_at,
                               message->>'$.data.orderId' AS order_id,
                               message->>'$.data.sessionId' AS session_id,
                               message->>'$.data.customer.id' AS customer_id,
                               sha256(message->>'$.data.customer.email') AS customer_email,
                               TRY_CAST(coalesce(message->'$.data.orderTotal', message->'$.data.total')
                                        AS DECIMAL(18,2)) AS total,
                               message->>'$.data.currency' AS currency,
                               coalesce(message->>'$.data.shipping.option', message->>'$.data.shippingOption')
                                   AS shipping_option,
                               coalesce(message->>'$.data.channel', 'web') AS channel,
                               message->'$.data.lines' AS lines
                        FROM baseline_unique WHERE event_type = 'OrderPurchased'""");
                statement.execute(
                        """
                        CREATE OR REPLACE TEMP TABLE baseline_order_cancelled AS
                        SELECT event_id, occurred_at, message->>'$.data.orderId' AS order_id,
                               message->>'$.data.reason' AS reason
                        FROM baseline_unique WHERE event_type = 'OrderCancelled'""");
            }
            return null;
        });
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
