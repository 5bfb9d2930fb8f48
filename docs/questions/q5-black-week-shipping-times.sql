-- Q5. What were the shipping times during the last Black Week?
-- Black Week 2025 ran from Monday 24 November to Sunday 30 November. Per shipping option, orders bought in
-- Black Week against the rest of the year: how long delivery took and how often the promise was kept.
-- Products: fulfillment.shipments (purchase, promise and delivery of each parcel). A parcel whose order checkout
-- set aside (an invalid total) has no purchase time in fulfillment.shipments; it cannot be placed in a period and
-- is left out.
SELECT
    CASE WHEN s.purchased_at >= TIMESTAMP '2025-11-24' AND s.purchased_at < TIMESTAMP '2025-12-01'
         THEN 'black-week' ELSE 'rest-of-year' END                     AS period,
    s.shipping_option,
    count(*)                                                            AS deliveries,
    round(avg(epoch(s.delivered_at - s.purchased_at) / 86400), 2)       AS mean_delivery_days,
    round(quantile_cont(epoch(s.delivered_at - s.purchased_at) / 86400, 0.9), 2) AS p90_delivery_days,
    round(avg(CASE WHEN s.on_time THEN 1 ELSE 0 END), 4)                AS on_time_share
FROM fulfillment.shipments s
WHERE s.delivered_at IS NOT NULL AND s.purchased_at IS NOT NULL
GROUP BY ALL
ORDER BY period, s.shipping_option;
