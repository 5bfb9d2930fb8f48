-- payment.payments: one row per order whose payment was authorized, with what was charged, failed and refunded,
-- reconciled with the order as checkout sells it (checkout.orders, read through this domain's input port).
CREATE OR REPLACE TABLE model.payments AS
WITH failures AS (
    SELECT order_id, count(*) AS failed_attempts
    FROM clean.payment_failed
    GROUP BY order_id
),
refunds AS (
    SELECT order_id, sum(amount) AS refunded_amount
    FROM clean.payment_refunded
    GROUP BY order_id
),
orders AS (
    SELECT order_id, total + shipping_fee AS order_amount
    FROM external.checkout_orders
)
SELECT
    a.order_id,
    a.payment_id,
    a.method,
    CASE
        WHEN coalesce(r.refunded_amount, 0) = 0 THEN 'authorized'
        WHEN r.refunded_amount >= a.amount THEN 'refunded'
        ELSE 'partially_refunded'
    END                                                         AS status,
    a.amount,
    a.currency,
    CAST(coalesce(f.failed_attempts, 0) AS INTEGER)             AS failed_attempts,
    CAST(coalesce(r.refunded_amount, 0) AS DECIMAL(18,2))       AS refunded_amount,
    a.occurred_at                                               AS authorized_at,
    CAST(o.order_amount AS DECIMAL(18,2))                       AS order_amount,
    coalesce(a.amount = o.order_amount, false)                  AS amount_matches_order
FROM clean.payment_authorized a
LEFT JOIN failures f USING (order_id)
LEFT JOIN refunds r USING (order_id)
LEFT JOIN orders o USING (order_id)
ORDER BY a.occurred_at;
