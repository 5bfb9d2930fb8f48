-- datascience.delivery_time, step 1: the examples the model learns from and is judged on. One row per delivered
-- parcel whose order checkout publishes: what was known when it was bought (the columns the model reads), and how
-- many days it travelled from dispatch to delivery (what it predicts).
-- One day in five (the days of the year divisible by 5) is held out: the model never sees them in training, and its
-- contract judges it on them. Days, not parcels, so that parcels of one busy day do not sit on both sides.
CREATE OR REPLACE TABLE model.delivery_time_examples AS
SELECT
    s.shipment_id,
    s.order_id,
    s.purchased_at,
    s.shipping_option,
    -- the shop's Black Week (24 November to 30 November): carriers are overloaded, each option differently
    CASE
        WHEN s.purchased_at >= TIMESTAMP '2025-11-24' AND s.purchased_at < TIMESTAMP '2025-12-01'
        THEN s.shipping_option
        ELSE 'none'
    END                                                        AS black_week_option,
    strftime(s.purchased_at, '%m')                             AS month,
    o.channel,
    epoch(s.delivered_at - s.dispatched_at) / 86400.0          AS actual_days,
    CASE WHEN dayofyear(s.purchased_at) % 5 = 0 THEN 'held-out' ELSE 'training' END AS split
FROM external.fulfillment_shipments s
JOIN external.checkout_orders o ON o.order_id = s.order_id
WHERE s.delivered_at IS NOT NULL
  AND s.purchased_at IS NOT NULL
ORDER BY s.purchased_at, s.shipment_id;
