-- Q2 in Trino's dialect (the question and its reading: ../q2-reliable-shipping.sql).
-- What differs from DuckDB: interval literals quote their number; a duration in days comes from date_diff in
-- milliseconds (DuckDB: epoch of the interval); counts are cast to double before dividing.
WITH deliveries AS (
    SELECT s.shipping_option, o.customer_id, o.purchased_at, s.delivered_at, s.on_time
    FROM fulfillment.shipments s
    JOIN checkout.orders o USING (order_id)
    WHERE o.purchased_at >= TIMESTAMP '2025-04-01'
      AND s.delivered_at < TIMESTAMP '2025-10-01'
)
SELECT
    d.shipping_option,
    count(*)                                                            AS deliveries,
    round(CAST(count(*) AS double) / sum(count(*)) OVER (), 4)          AS share_of_deliveries,
    round(avg(date_diff('millisecond', d.purchased_at, d.delivered_at) / 86400000e0), 2) AS mean_delivery_days,
    round(avg(CASE WHEN d.on_time THEN 1 ELSE 0 END), 4)                AS on_time_share,
    round(avg(CASE WHEN EXISTS (
        SELECT 1 FROM checkout.orders n
        WHERE n.customer_id = d.customer_id
          AND n.purchased_at > d.delivered_at
          AND n.purchased_at <= d.delivered_at + INTERVAL '90' DAY) THEN 1 ELSE 0 END), 4) AS reorder_share
FROM deliveries d
GROUP BY d.shipping_option
ORDER BY d.shipping_option;
