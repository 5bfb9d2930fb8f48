-- checkout.orders: one row per order, in its latest state.
-- An order is purchased once; a later OrderCancelled turns it to cancelled.
CREATE OR REPLACE TABLE model.orders AS
SELECT
    p.order_id,
    p.session_id,
    p.customer_id,
    p.occurred_at                                       AS purchased_at,
    p.total,
    p.shipping_fee,
    p.currency,
    p.shipping_option,
    p.promotion,
    p.channel,
    CAST(json_array_length(p.lines) AS INTEGER)         AS line_count,
    CASE WHEN c.order_id IS NULL THEN 'purchased' ELSE 'cancelled' END AS status,
    c.cancelled_at
FROM clean.order_purchased p
LEFT JOIN (
    SELECT order_id, max(occurred_at) AS cancelled_at
    FROM clean.order_cancelled
    GROUP BY order_id
) c USING (order_id)
ORDER BY p.occurred_at;
