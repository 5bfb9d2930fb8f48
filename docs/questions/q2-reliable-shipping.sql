-- Q2. Do customers accept longer but more reliable shipping times?
-- Since 1 April 2025 customers can choose "reliable": promised in five days instead of three, and kept.
-- Per shipping option, for orders bought since then and delivered before October (so that every delivery
-- leaves 90 days to order again within the year): how many chose it, how long delivery took, how often the
-- promise was kept, and how often the customer ordered again within 90 days of the delivery.
-- Products: fulfillment.shipments (promised and actual delivery), checkout.orders (who ordered, and when again).
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
    round(count(*) / sum(count(*)) OVER (), 4)                          AS share_of_deliveries,
    round(avg(epoch(d.delivered_at - d.purchased_at) / 86400), 2)       AS mean_delivery_days,
    round(avg(CASE WHEN d.on_time THEN 1 ELSE 0 END), 4)                AS on_time_share,
    round(avg(CASE WHEN EXISTS (
        SELECT 1 FROM checkout.orders n
        WHERE n.customer_id = d.customer_id
          AND n.purchased_at > d.delivered_at
          AND n.purchased_at <= d.delivered_at + INTERVAL 90 DAY) THEN 1 ELSE 0 END), 4) AS reorder_share
FROM deliveries d
GROUP BY d.shipping_option
ORDER BY d.shipping_option;
